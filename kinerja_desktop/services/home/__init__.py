"""The home screen: what needs the acting user now, gathered from every area."""

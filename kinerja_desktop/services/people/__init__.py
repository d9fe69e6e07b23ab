"""Units and people, and the master data imported from files."""

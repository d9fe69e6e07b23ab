"""Coaching and dialogue: sessions, notes, actions, B.1.8/B.1.9, development plans, the timeline."""

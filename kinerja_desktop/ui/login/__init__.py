"""Login, password change, and the session lock after inactivity."""

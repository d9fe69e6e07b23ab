"""The Qt face of the program: main window, screens, dialogs, table models, background tasks.

Only this package imports PySide6. Screens call services; they never open sessions or run SQL.
"""

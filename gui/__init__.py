"""Preference Lab desktop GUI (PySide6). Calls core/ on worker threads; core never imports this package."""

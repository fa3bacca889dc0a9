"""Preference Lab engine: Qt-free. Nothing in this package imports PySide6, pyqtgraph or gui."""

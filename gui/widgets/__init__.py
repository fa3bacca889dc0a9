"""Widgets shared by the tabs: the metrics plot, the progress panel, message boxes."""

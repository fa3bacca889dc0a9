"""One QWidget per lab tab; each runs its jobs on its own JobRunner."""

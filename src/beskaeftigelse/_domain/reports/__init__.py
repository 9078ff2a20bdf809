"""Work-capacity trials and the clarification report: ``types`` ← ``data`` ← ``logic``."""

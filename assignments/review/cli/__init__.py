"""Command groups: ``flask review`` (rescore, sweep) and ``flask detector`` (the engine's commands)."""

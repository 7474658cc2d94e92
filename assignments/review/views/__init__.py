"""The review's pages: the report and decision, the assignment's overview, the model card, admin."""

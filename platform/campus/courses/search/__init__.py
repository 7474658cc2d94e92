"""Full-text search over the current editions of the course modules.

index.py   what is indexed, the index tables (SQLite FTS5 or PostgreSQL), rebuilt when content changes
query.py   `search(app, catalogue, query, modules)`: the user's words as a safe query, highlighted hits
"""

"""The durable TinyDB store: one data file, atomic and locked writes, repositories over it.

Open it with ``store.database.Database(path)``; see ``store/storage.py`` for the file layout.
"""

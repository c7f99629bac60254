"""The helpdesk store on a PostgreSQL server (psycopg 3), same interface as the data file.

:class:`store.postgres.database.PostgresDatabase` is opened on a libpq URL; :mod:`.schema` holds
the versioned migrations, :mod:`.rows` turns rows into the engine-neutral documents and back,
and the repositories reuse the file engine's rules over row-locked transactions.
"""

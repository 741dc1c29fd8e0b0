"""The CRM: SQLAlchemy models, migrations, repositories, permissions and audit."""

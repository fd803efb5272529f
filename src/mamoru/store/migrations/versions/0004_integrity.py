"""integrity: sealed audit entries (key_id) and, on PostgreSQL, an append-only audit table

Revision ID: 0004_integrity
Revises: 0003_guard
Create Date: 2026-11-30

``audit_entries.key_id`` names the key that sealed an entry (NULL for the plain SHA-256
entries written before). On PostgreSQL, triggers refuse UPDATE, DELETE and TRUNCATE on
``audit_entries`` for every role; only the table's owner (the migration role, see
``store/db.py``) could disable them, and the server should not run as that role. The
head row (``audit_head``) stays updatable: appending moves it.
"""
from alembic import op
import sqlalchemy as sa


revision = "0004_integrity"
down_revision = "0003_guard"
branch_labels = None
depends_on = None

REFUSE = """
CREATE OR REPLACE FUNCTION mamoru_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'The audit record is never changed or deleted; append a correcting entry instead.';
END
$$
"""


def upgrade() -> None:
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('key_id', sa.String(length=16), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(REFUSE)
        op.execute("CREATE TRIGGER audit_entries_no_update_delete BEFORE UPDATE OR DELETE ON audit_entries "
                   "FOR EACH ROW EXECUTE FUNCTION mamoru_audit_append_only()")
        op.execute("CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries "
                   "FOR EACH STATEMENT EXECUTE FUNCTION mamoru_audit_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries")
        op.execute("DROP TRIGGER IF EXISTS audit_entries_no_update_delete ON audit_entries")
        op.execute("DROP FUNCTION IF EXISTS mamoru_audit_append_only()")
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_column('key_id')

"""auth: per-account sign-in lockout (users.failed_logins, users.locked_until) and the outcome of
each sign-in attempt (issue 8)

Revision ID: 0005_auth
Revises: 0003_guard
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa
import mamoru.store.base


revision = "0005_auth"
down_revision = "0004_integrity"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("locked_until", mamoru.store.base.UTCDateTime(timezone=True), nullable=True))
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(length=20), server_default="wrong", nullable=False))
    op.execute("UPDATE login_attempts SET outcome = 'ok' WHERE success")


def downgrade() -> None:
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_column("outcome")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_logins")

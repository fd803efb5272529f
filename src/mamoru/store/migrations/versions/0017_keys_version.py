"""screening: the key scheme each list version's blocking keys were written with (issue 10)

Revision ID: 0017_keys_version
Revises: 0008_trace
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa


revision = "0017_keys_version"
down_revision = "0008_trace"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # existing versions get "": their keys are from an older scheme and are rewritten on the next
    # import or by `mamoru lists rekey`; until then the database backend answers from the embedded index
    with op.batch_alter_table("screening_list_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("keys_version", sa.String(length=40), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("screening_list_versions", schema=None) as batch_op:
        batch_op.drop_column("keys_version")

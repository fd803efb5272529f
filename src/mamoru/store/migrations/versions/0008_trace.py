"""trace: what each guarded copy carries (mark number, document id, wordings, code names) (issue 13)

Revision ID: 0008_trace
Revises: 0009_watch
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa
import mamoru.store.base


revision = "0008_trace"
down_revision = "0009_watch"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('trace_marks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('redaction_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('mark_number', sa.BigInteger(), nullable=False),
    sa.Column('document_id', sa.String(length=40), nullable=False),
    sa.Column('wording', sa.JSON(), nullable=False),
    sa.Column('code_names', sa.JSON(), nullable=False),
    sa.Column('marks_written', sa.Integer(), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_trace_marks_partner_id_partners')),
    sa.ForeignKeyConstraint(['redaction_id'], ['guard_redactions.id'], name=op.f('fk_trace_marks_redaction_id_guard_redactions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trace_marks')),
    sa.UniqueConstraint('document_id', name=op.f('uq_trace_marks_document_id')),
    sa.UniqueConstraint('mark_number', name=op.f('uq_trace_marks_mark_number')),
    sa.UniqueConstraint('redaction_id', name=op.f('uq_trace_marks_redaction_id'))
    )
    with op.batch_alter_table('trace_marks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trace_marks_partner_id'), ['partner_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('trace_marks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trace_marks_partner_id'))
    op.drop_table('trace_marks')

"""meetings: meetings and oral disclosures, partner relations, staged disclosure plans (issue 9, cases 1-3)

Revision ID: 0014_meetings
Revises: 0010_incident
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa
import mamoru.store.base


revision = '0014_meetings'
down_revision = '0010_incident'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('our_attendees', sa.JSON(), nullable=False),
    sa.Column('their_attendees', sa.JSON(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('said', sa.Text(), nullable=False),
    sa.Column('disclosure_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['disclosure_id'], ['disclosures.id'], name=op.f('fk_meetings_disclosure_id_disclosures')),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_meetings_partner_id_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_partner_id'), ['partner_id'], unique=False)

    op.create_table('partner_relations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('related_partner_id', sa.Integer(), nullable=True),
    sa.Column('our_competitor', sa.Boolean(), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_partner_relations_partner_id_partners')),
    sa.ForeignKeyConstraint(['related_partner_id'], ['partners.id'], name=op.f('fk_partner_relations_related_partner_id_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_partner_relations')),
    sa.UniqueConstraint('partner_id', 'kind', 'name', name='uq_partner_relation')
    )
    with op.batch_alter_table('partner_relations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_relations_partner_id'), ['partner_id'], unique=False)

    op.create_table('disclosure_plans',
    sa.Column('disclosure_id', sa.Integer(), nullable=False),
    sa.Column('destroy_after', sa.Date(), nullable=True),
    sa.Column('override_reason', sa.Text(), nullable=False),
    sa.Column('overridden_by', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['disclosure_id'], ['disclosures.id'], name=op.f('fk_disclosure_plans_disclosure_id_disclosures')),
    sa.PrimaryKeyConstraint('disclosure_id', name=op.f('pk_disclosure_plans'))
    )
    op.create_table('disclosure_stages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('disclosure_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('elements', sa.JSON(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('disclosed_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['disclosure_id'], ['disclosures.id'], name=op.f('fk_disclosure_stages_disclosure_id_disclosures')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disclosure_stages')),
    sa.UniqueConstraint('disclosure_id', 'number', name='uq_disclosure_stage')
    )
    with op.batch_alter_table('disclosure_stages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_disclosure_stages_disclosure_id'), ['disclosure_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('disclosure_stages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_disclosure_stages_disclosure_id'))
    op.drop_table('disclosure_stages')
    op.drop_table('disclosure_plans')
    with op.batch_alter_table('partner_relations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_relations_partner_id'))
    op.drop_table('partner_relations')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_partner_id'))
    op.drop_table('meetings')

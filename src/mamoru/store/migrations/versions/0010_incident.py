"""incident: leak incidents, what they touch, attached trace results (issue 13 item 4)

Revision ID: 0010_incident
Revises: 0016_selfcheck
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa
import mamoru.store.base


revision = '0010_incident'
down_revision = '0016_selfcheck'
branch_labels = None
depends_on = None

LINKS = (('incident_partners', 'partner_id', 'partners'), ('incident_customers', 'partner_id', 'partners'),
         ('incident_technologies', 'technology_id', 'technologies'),
         ('incident_elements', 'element_id', 'knowledge_elements'),
         ('incident_disclosures', 'disclosure_id', 'disclosures'))


def upgrade() -> None:
    op.create_table('incidents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('found', sa.Text(), nullable=False),
    sa.Column('found_where', sa.String(length=300), nullable=False),
    sa.Column('discovered_on', sa.Date(), nullable=False),
    sa.Column('leak_from', sa.Date(), nullable=True),
    sa.Column('opened_by', sa.String(length=100), nullable=False),
    sa.Column('confirmed_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('closed_by', sa.String(length=100), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incidents')),
    sa.UniqueConstraint('number', name=op.f('uq_incidents_number'))
    )
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incidents_status'), ['status'], unique=False)
    for table, column, target in LINKS:
        op.create_table(table,
        sa.Column('incident_id', sa.Integer(), nullable=False),
        sa.Column(column, sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f(f'fk_{table}_incident_id_incidents')),
        sa.ForeignKeyConstraint([column], [f'{target}.id'], name=op.f(f'fk_{table}_{column}_{target}')),
        sa.PrimaryKeyConstraint('incident_id', column, name=op.f(f'pk_{table}'))
        )
    op.create_table('incident_traces',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('incident_id', sa.Integer(), nullable=False),
    sa.Column('source_name', sa.String(length=300), nullable=False),
    sa.Column('verdict', sa.String(length=60), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('attached_by', sa.String(length=100), nullable=False),
    sa.Column('attached_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['incident_id'], ['incidents.id'], name=op.f('fk_incident_traces_incident_id_incidents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incident_traces'))
    )
    with op.batch_alter_table('incident_traces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_incident_traces_incident_id'), ['incident_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('incident_traces', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incident_traces_incident_id'))
    op.drop_table('incident_traces')
    for table, _column, _target in reversed(LINKS):
        op.drop_table(table)
    with op.batch_alter_table('incidents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_incidents_status'))
    op.drop_table('incidents')

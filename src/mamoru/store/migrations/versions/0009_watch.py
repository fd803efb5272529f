"""watch: imported publications and the alerts they raised (issue 13, item 3)

Revision ID: 0009_watch
Revises: 0012_abroad
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa
import mamoru.store.base


revision = '0009_watch'
down_revision = '0012_abroad'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('watch_publications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('source_format', sa.String(length=20), nullable=False),
    sa.Column('applicants', sa.JSON(), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('imported_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_watch_publications'))
    )
    with op.batch_alter_table('watch_publications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_watch_publications_number'), ['number'], unique=False)
    op.create_table('watch_alerts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('publication_id', sa.Integer(), nullable=False),
    sa.Column('element_id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Double(), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('decided_by', sa.String(length=100), nullable=True),
    sa.Column('decided_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.Column('event_ids', sa.JSON(), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['element_id'], ['knowledge_elements.id'], name=op.f('fk_watch_alerts_element_id_knowledge_elements')),
    sa.ForeignKeyConstraint(['publication_id'], ['watch_publications.id'], name=op.f('fk_watch_alerts_publication_id_watch_publications')),
    sa.ForeignKeyConstraint(['technology_id'], ['technologies.id'], name=op.f('fk_watch_alerts_technology_id_technologies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_watch_alerts')),
    sa.UniqueConstraint('publication_id', 'element_id', name='uq_watch_alert_pub_element')
    )
    with op.batch_alter_table('watch_alerts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_watch_alerts_element_id'), ['element_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_watch_alerts_publication_id'), ['publication_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_watch_alerts_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_watch_alerts_technology_id'), ['technology_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('watch_alerts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_watch_alerts_technology_id'))
        batch_op.drop_index(batch_op.f('ix_watch_alerts_status'))
        batch_op.drop_index(batch_op.f('ix_watch_alerts_publication_id'))
        batch_op.drop_index(batch_op.f('ix_watch_alerts_element_id'))
    op.drop_table('watch_alerts')
    with op.batch_alter_table('watch_publications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_watch_publications_number'))
    op.drop_table('watch_publications')

"""abroad: overseas sites (stages, allowances, visits, FEFTA advance reports) and joint research (issue 14)

Revision ID: 0012_abroad
Revises: 0011_people
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa
import mamoru.store.base


revision = '0012_abroad'
down_revision = '0011_people'
branch_labels = None
depends_on = None

UTC = mamoru.store.base.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table('overseas_sites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=True),
    sa.Column('local_entity', sa.String(length=300), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('stage_on', sa.Date(), nullable=False),
    sa.Column('internal_decision_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_overseas_sites_partner_id_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_overseas_sites')),
    sa.UniqueConstraint('code', name=op.f('uq_overseas_sites_code'))
    )
    with op.batch_alter_table('overseas_sites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_overseas_sites_partner_id'), ['partner_id'], unique=False)

    op.create_table('site_stage_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['overseas_sites.id'], name=op.f('fk_site_stage_changes_site_id_overseas_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_stage_changes'))
    )
    with op.batch_alter_table('site_stage_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_stage_changes_site_id'), ['site_id'], unique=False)

    op.create_table('site_allowances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('element_id', sa.Integer(), nullable=False),
    sa.Column('allowance', sa.String(length=20), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['element_id'], ['knowledge_elements.id'], name=op.f('fk_site_allowances_element_id_knowledge_elements')),
    sa.ForeignKeyConstraint(['site_id'], ['overseas_sites.id'], name=op.f('fk_site_allowances_site_id_overseas_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_allowances')),
    sa.UniqueConstraint('site_id', 'element_id', name='uq_site_allowance')
    )
    with op.batch_alter_table('site_allowances', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_allowances_site_id'), ['site_id'], unique=False)

    op.create_table('site_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('visitors', sa.JSON(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('shown', sa.JSON(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['site_id'], ['overseas_sites.id'], name=op.f('fk_site_visits_site_id_overseas_sites')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_visits'))
    )
    with op.batch_alter_table('site_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_visits_site_id'), ['site_id'], unique=False)

    op.create_table('site_advance_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    sa.Column('obligation_id', sa.Integer(), nullable=True),
    sa.Column('created_at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['obligation_id'], ['obligations.id'], name=op.f('fk_site_advance_reports_obligation_id_obligations')),
    sa.ForeignKeyConstraint(['site_id'], ['overseas_sites.id'], name=op.f('fk_site_advance_reports_site_id_overseas_sites')),
    sa.ForeignKeyConstraint(['technology_id'], ['technologies.id'], name=op.f('fk_site_advance_reports_technology_id_technologies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_site_advance_reports')),
    sa.UniqueConstraint('site_id', 'technology_id', name='uq_site_advance_report')
    )
    with op.batch_alter_table('site_advance_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_site_advance_reports_site_id'), ['site_id'], unique=False)

    op.create_table('research_projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=True),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('improvements', sa.String(length=20), nullable=False),
    sa.Column('review_days', sa.Integer(), nullable=False),
    sa.Column('approver', sa.String(length=200), nullable=False),
    sa.Column('our_elements', sa.JSON(), nullable=False),
    sa.Column('their_contribution', sa.Text(), nullable=False),
    sa.Column('foreign_funding_share', sa.Double(), nullable=False),
    sa.Column('foreign_funding_source', sa.String(length=300), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_research_projects_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_research_projects_partner_id_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_research_projects')),
    sa.UniqueConstraint('code', name=op.f('uq_research_projects_code'))
    )
    with op.batch_alter_table('research_projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_research_projects_partner_id'), ['partner_id'], unique=False)

    op.create_table('publication_reviews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('venue', sa.String(length=300), nullable=False),
    sa.Column('submitted_on', sa.Date(), nullable=False),
    sa.Column('planned_on', sa.Date(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('suggested', sa.String(length=20), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=True),
    sa.Column('reviewer', sa.String(length=100), nullable=True),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('warnings', sa.JSON(), nullable=False),
    sa.Column('submitted_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['research_projects.id'], name=op.f('fk_publication_reviews_project_id_research_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_publication_reviews'))
    )
    with op.batch_alter_table('publication_reviews', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_publication_reviews_project_id'), ['project_id'], unique=False)


def downgrade() -> None:
    for table in ('publication_reviews', 'research_projects', 'site_advance_reports', 'site_visits',
                  'site_allowances', 'site_stage_changes', 'overseas_sites'):
        op.drop_table(table)

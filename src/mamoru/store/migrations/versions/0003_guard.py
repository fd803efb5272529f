"""guard: codebooks, terms, per-partner code names, redaction records (issue 5)

Revision ID: 0003_guard
Revises: 0002_screening
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa
import mamoru.store.base


revision = "0003_guard"
down_revision = "0002_screening"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('guard_codebooks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    sa.Column('code_name_scope', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('revision', sa.String(length=32), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['technology_id'], ['technologies.id'], name=op.f('fk_guard_codebooks_technology_id_technologies')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guard_codebooks')),
    sa.UniqueConstraint('technology_id', name=op.f('uq_guard_codebooks_technology_id'))
    )
    op.create_table('guard_terms',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('codebook_id', sa.Integer(), nullable=False),
    sa.Column('term', sa.String(length=300), nullable=False),
    sa.Column('folded', sa.String(length=300), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('element_id', sa.Integer(), nullable=False),
    sa.Column('code_name', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('retired_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['codebook_id'], ['guard_codebooks.id'], name=op.f('fk_guard_terms_codebook_id_guard_codebooks')),
    sa.ForeignKeyConstraint(['element_id'], ['knowledge_elements.id'], name=op.f('fk_guard_terms_element_id_knowledge_elements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guard_terms')),
    sa.UniqueConstraint('code_name', name=op.f('uq_guard_terms_code_name'))
    )
    with op.batch_alter_table('guard_terms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guard_terms_codebook_id'), ['codebook_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_guard_terms_element_id'), ['element_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_guard_terms_folded'), ['folded'], unique=False)

    op.create_table('guard_partner_code_names',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('term_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('code_name', sa.String(length=32), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_guard_partner_code_names_partner_id_partners')),
    sa.ForeignKeyConstraint(['term_id'], ['guard_terms.id'], name=op.f('fk_guard_partner_code_names_term_id_guard_terms')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guard_partner_code_names')),
    sa.UniqueConstraint('partner_id', 'code_name', name='uq_guard_partner_code_names_partner_name'),
    sa.UniqueConstraint('term_id', 'partner_id', name='uq_guard_partner_code_names_term_partner')
    )
    with op.batch_alter_table('guard_partner_code_names', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guard_partner_code_names_partner_id'), ['partner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_guard_partner_code_names_term_id'), ['term_id'], unique=False)

    op.create_table('guard_redactions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('control_number', sa.String(length=40), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('disclosure_id', sa.Integer(), nullable=True),
    sa.Column('source_name', sa.String(length=300), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('output_sha256', sa.String(length=64), nullable=False),
    sa.Column('file_format', sa.String(length=20), nullable=False),
    sa.Column('condition_mode', sa.String(length=20), nullable=False),
    sa.Column('summary', sa.JSON(), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['disclosure_id'], ['disclosures.id'], name=op.f('fk_guard_redactions_disclosure_id_disclosures')),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_guard_redactions_partner_id_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_guard_redactions')),
    sa.UniqueConstraint('control_number', name=op.f('uq_guard_redactions_control_number'))
    )
    with op.batch_alter_table('guard_redactions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_guard_redactions_disclosure_id'), ['disclosure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_guard_redactions_partner_id'), ['partner_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('guard_redactions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guard_redactions_partner_id'))
        batch_op.drop_index(batch_op.f('ix_guard_redactions_disclosure_id'))

    op.drop_table('guard_redactions')
    with op.batch_alter_table('guard_partner_code_names', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guard_partner_code_names_term_id'))
        batch_op.drop_index(batch_op.f('ix_guard_partner_code_names_partner_id'))

    op.drop_table('guard_partner_code_names')
    with op.batch_alter_table('guard_terms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_guard_terms_folded'))
        batch_op.drop_index(batch_op.f('ix_guard_terms_element_id'))
        batch_op.drop_index(batch_op.f('ix_guard_terms_codebook_id'))

    op.drop_table('guard_terms')
    op.drop_table('guard_codebooks')

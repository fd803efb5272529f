"""supplychain: products, items, bills of materials, sources through the tiers, signals, warnings (issue 12)

Revision ID: 0007_supplychain
Revises: 0003_guard
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa
import mamoru.store.base


revision = '0007_supplychain'
down_revision = '0006_telemetry'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sc_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('critical_good', sa.String(length=40), nullable=True),
    sa.Column('domain', sa.String(length=40), nullable=True),
    sa.Column('export_controlled', sa.Boolean(), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sc_items')),
    sa.UniqueConstraint('code', name=op.f('uq_sc_items_code'))
    )
    op.create_table('sc_products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sc_products')),
    sa.UniqueConstraint('code', name=op.f('uq_sc_products_code'))
    )
    op.create_table('sc_bom_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.Double(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['sc_items.id'], name=op.f('fk_sc_bom_lines_item_id_sc_items')),
    sa.ForeignKeyConstraint(['product_id'], ['sc_products.id'], name=op.f('fk_sc_bom_lines_product_id_sc_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sc_bom_lines')),
    sa.UniqueConstraint('product_id', 'item_id', name='uq_sc_bom_line')
    )
    with op.batch_alter_table('sc_bom_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sc_bom_lines_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sc_bom_lines_product_id'), ['product_id'], unique=False)

    op.create_table('sc_product_customers',
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_sc_product_customers_partner_id_partners')),
    sa.ForeignKeyConstraint(['product_id'], ['sc_products.id'], name=op.f('fk_sc_product_customers_product_id_sc_products')),
    sa.PrimaryKeyConstraint('product_id', 'partner_id', name=op.f('pk_sc_product_customers'))
    )
    op.create_table('sc_signals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=True),
    sa.Column('item_id', sa.Integer(), nullable=True),
    sa.Column('supplier_id', sa.Integer(), nullable=True),
    sa.Column('lead_time_days', sa.Integer(), nullable=True),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('reference', sa.String(length=300), nullable=False),
    sa.Column('origin', sa.String(length=30), nullable=False),
    sa.Column('origin_id', sa.Integer(), nullable=True),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['sc_items.id'], name=op.f('fk_sc_signals_item_id_sc_items')),
    sa.ForeignKeyConstraint(['supplier_id'], ['partners.id'], name=op.f('fk_sc_signals_supplier_id_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sc_signals')),
    sa.UniqueConstraint('origin', 'origin_id', name='uq_sc_signal_origin')
    )
    op.create_table('sc_sites',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partner_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.ForeignKeyConstraint(['partner_id'], ['partners.id'], name=op.f('fk_sc_sites_partner_id_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sc_sites')),
    sa.UniqueConstraint('partner_id', 'code', name='uq_sc_site')
    )
    with op.batch_alter_table('sc_sites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sc_sites_partner_id'), ['partner_id'], unique=False)

    op.create_table('sc_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('supplier_id', sa.Integer(), nullable=False),
    sa.Column('site_id', sa.Integer(), nullable=True),
    sa.Column('buyer_id', sa.Integer(), nullable=True),
    sa.Column('for_item_id', sa.Integer(), nullable=True),
    sa.Column('share', sa.Double(), nullable=False),
    sa.Column('lead_time_days', sa.Integer(), nullable=False),
    sa.Column('safety_stock_days', sa.Integer(), nullable=False),
    sa.Column('price', sa.Double(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['buyer_id'], ['partners.id'], name=op.f('fk_sc_sources_buyer_id_partners')),
    sa.ForeignKeyConstraint(['for_item_id'], ['sc_items.id'], name=op.f('fk_sc_sources_for_item_id_sc_items')),
    sa.ForeignKeyConstraint(['item_id'], ['sc_items.id'], name=op.f('fk_sc_sources_item_id_sc_items')),
    sa.ForeignKeyConstraint(['site_id'], ['sc_sites.id'], name=op.f('fk_sc_sources_site_id_sc_sites')),
    sa.ForeignKeyConstraint(['supplier_id'], ['partners.id'], name=op.f('fk_sc_sources_supplier_id_partners')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sc_sources'))
    )
    with op.batch_alter_table('sc_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sc_sources_buyer_id'), ['buyer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sc_sources_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sc_sources_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_sc_sources_supplier_id'), ['supplier_id'], unique=False)

    op.create_table('sc_warnings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('signal_id', sa.Integer(), nullable=False),
    sa.Column('severity', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('loss', sa.Double(), nullable=False),
    sa.Column('days_of_cover', sa.Integer(), nullable=True),
    sa.Column('affected', sa.JSON(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('policy_version', sa.String(length=40), nullable=False),
    sa.Column('created_at', mamoru.store.base.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['signal_id'], ['sc_signals.id'], name=op.f('fk_sc_warnings_signal_id_sc_signals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sc_warnings'))
    )
    with op.batch_alter_table('sc_warnings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sc_warnings_signal_id'), ['signal_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sc_warnings_status'), ['status'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sc_warnings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sc_warnings_status'))
        batch_op.drop_index(batch_op.f('ix_sc_warnings_signal_id'))

    op.drop_table('sc_warnings')
    with op.batch_alter_table('sc_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sc_sources_supplier_id'))
        batch_op.drop_index(batch_op.f('ix_sc_sources_status'))
        batch_op.drop_index(batch_op.f('ix_sc_sources_item_id'))
        batch_op.drop_index(batch_op.f('ix_sc_sources_buyer_id'))

    op.drop_table('sc_sources')
    with op.batch_alter_table('sc_sites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sc_sites_partner_id'))

    op.drop_table('sc_sites')
    op.drop_table('sc_signals')
    op.drop_table('sc_product_customers')
    with op.batch_alter_table('sc_bom_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sc_bom_lines_product_id'))
        batch_op.drop_index(batch_op.f('ix_sc_bom_lines_item_id'))

    op.drop_table('sc_bom_lines')
    op.drop_table('sc_products')
    op.drop_table('sc_items')

"""people: who holds protected knowledge, pledges, non-competes, declarations, contacts, oral checks (issue 14)

Revision ID: 0011_people
Revises: 0014_meetings
Create Date: 2026-11-30
"""
from alembic import op
import sqlalchemy as sa
import mamoru.store.base


revision = '0011_people'
down_revision = '0014_meetings'
branch_labels = None
depends_on = None

UTC = mamoru.store.base.UTCDateTime(timezone=True)


def _person_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f(f'fk_{table}_person_id_people'))


def _person_index(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{table}_person_id'), ['person_id'], unique=False)


def upgrade() -> None:
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=False),
    sa.Column('left_on', sa.Date(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('exit_note', sa.Text(), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_people_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('code', name=op.f('uq_people_code')),
    sa.UniqueConstraint('user_id', name=op.f('uq_people_user_id'))
    )
    op.create_table('person_technologies',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    _person_fk('person_technologies'),
    sa.ForeignKeyConstraint(['technology_id'], ['technologies.id'],
                            name=op.f('fk_person_technologies_technology_id_technologies')),
    sa.PrimaryKeyConstraint('person_id', 'technology_id', name=op.f('pk_person_technologies'))
    )
    op.create_table('pledges',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('signed_on', sa.Date(), nullable=False),
    sa.Column('document', sa.String(length=300), nullable=False),
    sa.Column('explained_in_meeting_on', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    _person_fk('pledges'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledges'))
    )
    _person_index('pledges')
    op.create_table('pledge_technologies',
    sa.Column('pledge_id', sa.Integer(), nullable=False),
    sa.Column('technology_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['pledge_id'], ['pledges.id'], name=op.f('fk_pledge_technologies_pledge_id_pledges')),
    sa.ForeignKeyConstraint(['technology_id'], ['technologies.id'],
                            name=op.f('fk_pledge_technologies_technology_id_technologies')),
    sa.PrimaryKeyConstraint('pledge_id', 'technology_id', name=op.f('pk_pledge_technologies'))
    )
    op.create_table('non_competes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('until', sa.Date(), nullable=False),
    sa.Column('scope', sa.Text(), nullable=False),
    sa.Column('document', sa.String(length=300), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    _person_fk('non_competes'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_non_competes'))
    )
    _person_index('non_competes')
    op.create_table('declarations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('declared_on', sa.Date(), nullable=False),
    sa.Column('side_jobs', sa.Text(), nullable=False),
    sa.Column('foreign_funding', sa.Text(), nullable=False),
    sa.Column('answers', sa.JSON(), nullable=False),
    sa.Column('suggested', sa.String(length=20), nullable=False),
    sa.Column('suggestion_reasons', sa.JSON(), nullable=False),
    sa.Column('result', sa.String(length=20), nullable=True),
    sa.Column('reviewed_by', sa.String(length=100), nullable=True),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('review_note', sa.Text(), nullable=False),
    sa.Column('declared_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    _person_fk('declarations'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_declarations'))
    )
    _person_index('declarations')
    op.create_table('person_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('counterpart', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', UTC, nullable=False),
    _person_fk('person_events'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_events'))
    )
    _person_index('person_events')
    op.create_table('oral_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('elements', sa.JSON(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('outcome', sa.String(length=30), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('checked_by', sa.String(length=100), nullable=False),
    sa.Column('checked_at', UTC, nullable=False),
    _person_fk('oral_checks'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oral_checks'))
    )
    _person_index('oral_checks')


def downgrade() -> None:
    for table in ('oral_checks', 'person_events', 'declarations', 'non_competes'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_person_id'))
        op.drop_table(table)
    op.drop_table('pledge_technologies')
    with op.batch_alter_table('pledges', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledges_person_id'))
    op.drop_table('pledges')
    op.drop_table('person_technologies')
    op.drop_table('people')

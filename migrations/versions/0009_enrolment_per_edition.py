"""enrolment per edition: look-ups by (module, edition)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01 12:00:00.000000

Enrolment rows always named an edition, but the platform read them per module: a row for any edition
opened the whole module. Now reading published content needs no enrolment and a row stands for
exactly its edition ("My modules" until the term ends, deadlines, submissions, defences), which is
what every existing row already says: no row needs converting, and no cohort loses anything it saw,
since everything it could read stays readable. What changes is how rows are looked up: per edition
("who is enrolled in 2025-26?"), so the index on module_id alone becomes one on (module_id, edition_id).
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.drop_index('ix_enrolment_module_id')
        batch_op.create_index('ix_enrolment_module_id_edition_id', ['module_id', 'edition_id'], unique=False)


def downgrade():
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.drop_index('ix_enrolment_module_id_edition_id')
        batch_op.create_index('ix_enrolment_module_id', ['module_id'], unique=False)

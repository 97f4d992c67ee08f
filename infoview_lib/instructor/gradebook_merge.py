"""The gradebook side of parallel grading: a private snapshot for the workers, and merging
what a worker's autograde wrote back into the real gradebook.

Workers never write to the course's gradebook (SQLite answers "database is locked" when
several processes do): each grades against its own copy of a snapshot
(:func:`snapshot_gradebook`), and the parent alone copies the fields autograde sets from that
copy into the gradebook (:func:`merge_submission`). SQLite and PostgreSQL gradebooks work alike.
"""
from __future__ import annotations

from pathlib import Path

from .grading_course import GradingSetupError


def copy_gradebook(source_url: str, target_url: str) -> None:
    """Copy every nbgrader table (and the schema version) of the gradebook at
    ``source_url`` into an empty database at ``target_url``; SQLite and PostgreSQL
    both work at either end."""
    from nbgrader.api import Base
    from sqlalchemy import create_engine, inspect, text

    from .gradebook import database_url, gradebook_url

    source = create_engine(gradebook_url(source_url))
    target = create_engine(database_url(target_url))
    try:
        if inspect(target).get_table_names():
            raise GradingSetupError(f"will not copy a gradebook into {target.url!r}: it already has tables")
        Base.metadata.create_all(target)
        with source.connect() as src, target.begin() as dst:
            tables = {t.name: [dict(row._mapping) for row in src.execute(t.select())]
                      for t in Base.metadata.sorted_tables}
            # nbgrader with the default empty course id stores assignments whose course row does not
            # exist; SQLite lets that pass, PostgreSQL's foreign keys do not: add the missing rows.
            known = {row["id"] for row in tables["course"]}
            tables["course"] += [{"id": cid} for cid in sorted({a["course_id"] for a in tables["assignment"]} - known)]
            for table in Base.metadata.sorted_tables:  # parents before children
                if tables[table.name]:
                    dst.execute(table.insert(), tables[table.name])
            if inspect(source).has_table("alembic_version"):
                version = src.execute(text("SELECT version_num FROM alembic_version")).scalar()
                dst.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)"))
                if version is not None:
                    dst.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": version})
    finally:
        source.dispose()
        target.dispose()


def snapshot_gradebook(db_url: str, path: str | Path) -> str:
    """Copy the gradebook at ``db_url`` (SQLite or PostgreSQL) into a new SQLite file at
    ``path``; returns the copy's URL.

    A SQLite gradebook is copied with SQLite's own online backup (a consistent copy of the
    file, in milliseconds); any other database table by table (:func:`copy_gradebook`,
    about 0.5 to 1 s, which was a fifth of the fixed cost of a run).
    """
    import sqlite3

    from sqlalchemy.engine import make_url

    target = Path(path).resolve()
    target_url = f"sqlite:///{target}"
    url = make_url(db_url)
    database = url.database
    if url.get_backend_name() == "sqlite" and database and database != ":memory:" and Path(database).is_file():
        source = sqlite3.connect(f"file:{Path(database).resolve()}?mode=ro", uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target_url
    copy_gradebook(db_url, target_url)
    return target_url


def _autograde_fields(conn, assignment: str, student: str):
    """What autograde wrote for one submission, read with plain SQL: (submission id, timestamp,
    {notebook: late penalty}, {(notebook, cell): (grade id, auto score, needs manual grade)},
    {(notebook, cell): (comment id, auto comment)}), or None when there is no such submission."""
    from nbgrader.api import (Assignment, BaseCell, Comment, Grade, Notebook, SubmittedAssignment,
                              SubmittedNotebook)
    from sqlalchemy import select

    sub = conn.execute(
        select(SubmittedAssignment.id, SubmittedAssignment.timestamp)
        .join(Assignment, SubmittedAssignment.assignment_id == Assignment.id)
        .where(Assignment.name == assignment, SubmittedAssignment.student_id == student)).one_or_none()
    if sub is None:
        return None
    notebooks = {name: (nb_id, penalty) for nb_id, name, penalty in conn.execute(
        select(SubmittedNotebook.id, Notebook.name, SubmittedNotebook.late_submission_penalty)
        .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
        .where(SubmittedNotebook.assignment_id == sub.id))}
    by_cell = {}
    for table, fields in ((Grade, (Grade.auto_score, Grade.needs_manual_grade)), (Comment, (Comment.auto_comment,))):
        by_cell[table] = {(nb, cell): (row_id, *values) for row_id, nb, cell, *values in conn.execute(
            select(table.id, Notebook.name, BaseCell.name, *fields)
            .join(SubmittedNotebook, table.notebook_id == SubmittedNotebook.id)
            .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
            .join(BaseCell, table.cell_id == BaseCell.id)
            .where(SubmittedNotebook.assignment_id == sub.id))}
    return sub.id, sub.timestamp, notebooks, by_cell[Grade], by_cell[Comment]


def _submission_rows(conn, submission_id: str) -> dict[str, list[dict]]:
    """Every row of one submission: the submission, its notebooks, their grades and comments."""
    from nbgrader.api import Comment, Grade, SubmittedAssignment, SubmittedNotebook
    from sqlalchemy import select

    sub, nb, grade, comment = (SubmittedAssignment.__table__, SubmittedNotebook.__table__, Grade.__table__,
                               Comment.__table__)
    notebooks = [dict(r._mapping) for r in conn.execute(select(nb).where(nb.c.assignment_id == submission_id))]
    ids = [n["id"] for n in notebooks]
    return {
        sub.name: [dict(r._mapping) for r in conn.execute(select(sub).where(sub.c.id == submission_id))],
        nb.name: notebooks,
        grade.name: [dict(r._mapping) for r in conn.execute(select(grade).where(grade.c.notebook_id.in_(ids)))],
        comment.name: [dict(r._mapping) for r in conn.execute(select(comment).where(comment.c.notebook_id.in_(ids)))],
    }


def merge_submission(worker_db_url: str, gradebook, assignment: str, student: str) -> bool:
    """Copy what autograde wrote for one submission from a worker's gradebook copy into
    ``gradebook`` (an open ``nbgrader.api.Gradebook``), in one transaction.

    Copies only autograde's fields: the student, the submission timestamp, each grade's
    auto score and "needs manual grade" flag, each comment's auto comment and each
    notebook's late penalty. Returns False when the copy has no such submission.

    Plain SQL, matched by notebook and cell name: a submission new to the gradebook gets
    the rows the worker's nbgrader made for it (as nbgrader itself would have made them);
    an existing one has autograde's fields updated, and the graders' fields (manual scores,
    extra credit, manual comments, flags) are never touched. (Going through nbgrader's ORM
    here cost about 0.15 to 0.3 s of CPU per submission in this one process.)
    """
    from nbgrader.api import Comment, Grade, Student, SubmittedAssignment, SubmittedNotebook
    from sqlalchemy import bindparam, create_engine, insert, select, update

    engine = create_engine(worker_db_url)  # a plain connection: the copy needs no schema checks
    try:
        with engine.connect() as conn:
            done = _autograde_fields(conn, assignment, student)
            if done is None:
                return False
            new_rows = _submission_rows(conn, done[0])
            student_row = conn.execute(select(Student.__table__).where(Student.__table__.c.id == student)).one()
    finally:
        engine.dispose()
    _, timestamp, notebooks, grades, comments = done
    session = gradebook.db
    conn = session.connection()
    students = Student.__table__
    if conn.execute(select(students.c.id).where(students.c.id == student)).first() is None:
        conn.execute(insert(students), [dict(student_row._mapping)])
    target = _autograde_fields(conn, assignment, student)
    if target is None:  # new to the gradebook: the worker's rows, parents before children
        for table in (SubmittedAssignment.__table__, SubmittedNotebook.__table__, Grade.__table__, Comment.__table__):
            if new_rows[table.name]:
                conn.execute(insert(table), new_rows[table.name])
        session.commit()
        return True
    target_id, _, target_notebooks, target_grades, target_comments = target
    table = SubmittedAssignment.__table__
    conn.execute(update(table).where(table.c.id == target_id).values(timestamp=timestamp))
    for table, rows in (
        (SubmittedNotebook.__table__, [{"row": target_notebooks[name][0], "penalty": penalty}
                                       for name, (_, penalty) in notebooks.items()]),
        (Grade.__table__, [{"row": target_grades[key][0], "auto": auto, "manual": manual}
                           for key, (_, auto, manual) in grades.items()]),
        (Comment.__table__, [{"row": target_comments[key][0], "auto": auto} for key, (_, auto) in comments.items()]),
    ):
        values = {SubmittedNotebook.__table__.name: {"late_submission_penalty": bindparam("penalty")},
                  Grade.__table__.name: {"auto_score": bindparam("auto"), "needs_manual_grade": bindparam("manual")},
                  Comment.__table__.name: {"auto_comment": bindparam("auto")}}[table.name]
        if rows:
            conn.execute(update(table).where(table.c.id == bindparam("row")).values(**values), rows)
    session.commit()
    return True


"""Submissions downloaded from an LMS (Canvas, Moodle) into nbgrader's ``submitted/`` folders.

``nbgrader zip_collect`` hands every extracted file's path to a collector plugin that says whose
it is and which notebook it is. nbgrader's own plugin needs one regular expression and then
still grades a Canvas re-upload (``recurrent-1.ipynb``) as a missing notebook, takes no notice of
Canvas's LATE tag, and keeps LMS ids as student ids. :class:`LmsCollector` (configured in
``nbgrader_config.py``, section "LMS downloads") adds what is missing:

- several ``patterns`` (one per LMS layout), each with the named groups ``lms_id``, ``file``
  and optionally ``late`` (any non-empty match marks the file late);
- a re-uploaded file (``name-1.ipynb``, ``name-2.ipynb``, ``name (1).ipynb``) counts as the released
  notebook ``name.ipynb``; of several uploads of one notebook by one student the highest number
  (the last upload) is collected, the others are skipped with a note;
- a ``roster`` CSV the instructor exports from the LMS maps LMS ids to the course's student ids,
  and may give each student's submission time (Moodle's grading worksheet has one); a file
  whose LMS id is not in the roster is skipped with a warning naming it;
- a LATE file without a known time is recorded one second after the assignment's due date (the
  LMS download says it was late, not when), so nbgrader records it as late; without a due date
  in the gradebook that is impossible, and the log says so.
"""
import csv
import datetime as dt
import os
import re
import zoneinfo

from nbgrader.plugins import FileNameCollectorPlugin
from nbgrader.utils import find_all_notebooks
from traitlets import List, Unicode

from .submission import LANGUAGE_TWIN

REUPLOAD = re.compile(r"^(?P<stem>.+?)(?:-(?P<dash>\d+)| \((?P<paren>\d+)\))(?P<ext>\.[^.]+)$")


class LmsCollector(FileNameCollectorPlugin):
    """nbgrader's file-name collector for LMS downloads (see the module docstring)."""

    patterns = List(Unicode(), default_value=[
        # Moodle 3.1+: "<Full Name>_<participant id>_assignsubmission_file_/<file>"; older ones: no "/"
        r"(?:^|/)[^/_]+_(?P<lms_id>\d+)_assignsubmission_file_/?(?:[^/]*/)*(?P<file>[^/]+)$",
        # Canvas: "<sortable name>[_LATE]_<user id>_<file id>_<file>"; anonymous grading: "[LATE_]anon_<id>_…"
        r"(?:^|/)(?:(?!LATE_)[^/_]+_)?(?P<late>LATE_)?(?P<lms_id>anon_\w+?|\d+)_\d+_(?P<file>[^/]+)$",
    ], help="Regular expressions matched (re.search) against each extracted file's path relative to the "
       "extracted folder; the first that matches is used. Named groups: lms_id, file (the uploaded file's "
       "name), optional late. The defaults read Canvas's and Moodle's downloads, as their own code names "
       "the files.").tag(config=True)
    roster = Unicode("", help="CSV file (relative to the course root) mapping LMS ids to student ids; "
                     "empty: the LMS id is the student id.").tag(config=True)
    roster_lms_id_column = Unicode("lms_id", help="Roster column with the LMS id (digits are compared, so "
                                   "Moodle's 'Participant 1234567' matches 1234567).").tag(config=True)
    roster_student_id_column = Unicode("student_id", help="Roster column with the course's student id.").tag(config=True)
    roster_time_column = Unicode("submitted", help="Optional roster column with the submission time "
                                 "(e.g. '2026-11-20 23:59:00 +0900' or Moodle's 'Friday, 20 November 2026, "
                                 "11:59 PM').").tag(config=True)
    roster_timezone = Unicode("UTC", help="Time zone (IANA name, e.g. Asia/Seoul) of roster times that "
                              "do not give their own offset.").tag(config=True)

    def __init__(self, **kw):
        super().__init__(**kw)
        self._plan = None

    # ------------------------------------------------------------------ nbgrader's entry point
    def collect(self, submitted_file):
        if os.path.splitext(submitted_file)[1] not in self.valid_ext:
            return None
        if self._plan is None:
            self._plan = self._make_plan(submitted_file)
        return self._plan.get(os.path.abspath(submitted_file))

    # ------------------------------------------------------------------ the whole download at once
    def _make_plan(self, first_file):
        """{path: nbgrader's info} for every collectable file, decided on all files together
        (a re-upload supersedes earlier uploads only when both are known)."""
        app = self.parent
        coursedir = app.coursedir
        extracted = os.path.abspath(app._format_collect_path(app.extracted_directory))
        if not os.path.commonpath([extracted, os.path.abspath(first_file)]) == extracted:
            extracted = os.path.dirname(os.path.abspath(first_file))
        released = set(find_all_notebooks(coursedir.format_path(coursedir.release_directory, ".",
                                                                coursedir.assignment_id)))
        roster = self._read_roster(coursedir.root)
        due = self._due_date(coursedir)
        candidates = {}                       # (student, notebook) -> (upload number, path, info)
        for root, _, files in os.walk(extracted):
            for name in sorted(files):
                path = os.path.join(root, name)
                if os.path.splitext(name)[1] not in self.valid_ext:
                    continue
                info = self._parse(os.path.relpath(path, extracted), released, roster, due)
                if info is None:
                    continue
                upload = info.pop("_upload")
                key = (info["student_id"], info["file_id"])
                previous = candidates.get(key)
                if previous is not None:
                    older, kept = (path, previous[1]) if previous[0] >= upload else (previous[1], path)
                    self.log.warning("Skipping %s: %s uploaded %s again (%s is collected)", older, *key, kept)
                    if previous[0] >= upload:
                        continue
                candidates[key] = (upload, path, info)
        return {path: info for _, path, info in candidates.values()}

    def _parse(self, relative, released, roster, due):
        relative = relative.replace(os.sep, "/")
        for pattern in self.patterns:
            match = re.search(pattern, relative)
            if match:
                break
        else:
            self.log.warning("No LMS pattern matches %s (see c.LmsCollector.patterns)", relative)
            return None
        groups = match.groupdict()
        lms_id, uploaded = groups["lms_id"], groups["file"]
        notebook, upload = self._notebook(uploaded, released)
        if roster is None:
            student, submitted = lms_id, None
        else:
            found = roster.get(_digits(lms_id) or lms_id)
            if found is None:
                self.log.warning("Skipping %s: LMS id %s is not in the roster %s", relative, lms_id, self.roster)
                return None
            student, submitted = found
        info = {"student_id": student, "file_id": notebook, "_upload": upload}
        if submitted:
            info["timestamp"] = submitted
        elif groups.get("late"):
            if due is None:
                self.log.warning("%s is marked late, but the assignment has no due date in the gradebook, "
                                 "so nbgrader cannot record it as late (set one, e.g. in formgrader)", relative)
            else:
                info["timestamp"] = due + dt.timedelta(seconds=1)
                self.log.info("%s is marked late without a time: recorded 1 s after the due date", relative)
        return info

    @staticmethod
    def _notebook(uploaded, released):
        """The released notebook an uploaded file stands for, and its upload number (0: first).

        A language twin (``recurrent.ko.ipynb``, c.Seqlab.also_release) stands for the notebook
        itself (``recurrent.ipynb``): nbgrader grades that name; the file says its language."""
        name, upload = uploaded, 0
        if uploaded not in released:
            match = REUPLOAD.match(uploaded)
            if match and match["stem"] + match["ext"] in released:
                name, upload = match["stem"] + match["ext"], int(match["dash"] or match["paren"])
        twin = LANGUAGE_TWIN.match(name)
        if twin and name in released and f"{twin['stem']}.ipynb" in released:
            name = f"{twin['stem']}.ipynb"
        return name, upload                   # an unknown name: nbgrader warns about it

    def _read_roster(self, root):
        if not self.roster:
            return None
        path = os.path.join(root, self.roster)
        if not os.path.isfile(path):
            raise FileNotFoundError(f"the LMS roster {path} (c.LmsCollector.roster) does not exist: export it "
                                    f"from the LMS with the columns {self.roster_lms_id_column} and "
                                    f"{self.roster_student_id_column}")
        roster = {}
        with open(path, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                lms_id, student = (row.get(self.roster_lms_id_column) or "").strip(), \
                    (row.get(self.roster_student_id_column) or "").strip()
                if lms_id and student:
                    when = (row.get(self.roster_time_column) or "").strip()
                    roster[_digits(lms_id) or lms_id] = (student, self._utc(when) if when else None)
        return roster

    def _utc(self, text):
        """A roster time as naive UTC, as nbgrader stores times. (nbgrader's own parser would read
        '+0900' as 900 seconds.)"""
        import dateutil.parser
        try:
            when = dateutil.parser.parse(text)
        except (ValueError, OverflowError):
            self.log.warning("Roster time %r is not a time; ignored", text)
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=zoneinfo.ZoneInfo(self.roster_timezone))
        return when.astimezone(dt.timezone.utc).replace(tzinfo=None)

    def _due_date(self, coursedir):
        from nbgrader.api import Gradebook, MissingEntry
        try:
            with Gradebook(coursedir.db_url, coursedir.course_id) as gb:
                return gb.find_assignment(coursedir.assignment_id).duedate
        except MissingEntry:
            return None


def _digits(value):
    """The number of an id written with a label ('Participant 1234567', '1234567'), else ''."""
    match = re.fullmatch(r"\D*?(\d+)", value.strip())
    return match[1] if match else ""

"""The preview builder's forked children: start one, read its answer, stop it.

Each build of scripts/preview_builder.py runs in a forked child, which starts
from the builder's clean, never-built state and leaves when its build is
done. This module holds that machinery, and none of the building:

- start_child / child_answer / in_child run a piece of work in a child and
  return what it returned (JSON), or None if it failed;
- in_child_unless_newer hands the child a pipe and writes to it as soon as a
  newer request comes;
- told_to_stop and stops_when_told let the build in the child read that pipe
  between two files read or two pages written, and raise Superseded, which
  the build catches to answer that it was stopped;
- stops_at_once_when_told stops the build wherever it is, for the part of it
  that writes nothing outside its staging folder (Pagefind's index...).
"""

import json
import os
import select
import signal
import sys
import threading
import traceback

from pelican.writers import Writer

# Seconds between two looks for a newer request while a full build runs.
WAIT_STEP = 0.02
# What interrupts a child's build at once (stops_at_once_when_told).
STOP_SIGNAL = signal.SIGUSR1


class Superseded(BaseException):
    """Raised in a full build's child when a newer save came: what the build
    would put in place is already out of date. Not an Exception, so that
    nothing on the way (Pelican's readers) takes it for a problem."""


def told_to_stop(stop):
    """A function that raises Superseded once the pipe `stop` can be read
    (the builder wrote to it, or has ended)."""

    def stop_if_told(*_args, **_kwargs):
        if select.select([stop], [], [], 0)[0]:
            raise Superseded

    return stop_if_told


def stops_when_told(stop_if_told):
    """A Pelican writer that calls `stop_if_told()` before each page or feed."""

    class StopsWhenTold(Writer):
        def write_file(self, *args, **kwargs):
            stop_if_told()
            return super().write_file(*args, **kwargs)

        def write_feed(self, *args, **kwargs):
            stop_if_told()
            return super().write_feed(*args, **kwargs)

    return StopsWhenTold


def stops_at_once_when_told(stop):
    """(start, end): between `start()` and `end()`, the pipe `stop` being
    written stops the build at once, wherever it is.

    A thread waits for the pipe, then sends STOP_SIGNAL to the main thread,
    whose handler raises Superseded there; a command the build waits for
    (Pagefind, through subprocess.run) is killed on the way out. Only for a
    part of the build that writes nothing outside its staging folder: `end()`
    must come before the build is put in place. `start` takes any arguments,
    to be connected to a signal.
    """

    def raise_superseded(_signum, _frame):
        raise Superseded

    def interrupt_when_told(main):
        select.select([stop], [], [])
        signal.pthread_kill(main, STOP_SIGNAL)

    def start(*_args, **_kwargs):
        signal.signal(STOP_SIGNAL, raise_superseded)
        threading.Thread(
            target=interrupt_when_told, args=(threading.get_ident(),), daemon=True
        ).start()

    def end():
        signal.signal(STOP_SIGNAL, signal.SIG_IGN)

    return start, end


def start_child(work):
    """Run `work()` in a forked child: (its pid, the pipe its answer comes by).

    The child starts from this process's never-built state, writes what
    `work()` returns (JSON) and leaves without running any cleanup.
    """
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(reading)
        status = 1
        try:
            os.dup2(2, 1)  # Pelican prints to standard output: keep it off the pipe
            with os.fdopen(writing, "w") as channel:
                channel.write(json.dumps(work()))
            status = 0
        except BaseException:  # a bug: show it as a fresh process would
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(writing)
    return pid, reading


def child_answer(pid, reading):
    """What the child `pid` returned, or None if it failed."""
    with os.fdopen(reading) as channel:
        result = channel.read()
    _, wait_status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(wait_status) != 0 or not result:
        return None
    return json.loads(result)


def in_child(work):
    """Run `work()` in a forked child; what it returns, or None if it failed."""
    return child_answer(*start_child(work))


def in_child_unless_newer(work, newer):
    """Run `work(stop)` in a forked child, writing to the pipe `stop` as soon
    as `newer()` is true (see told_to_stop).

    What the child returned, or None if it failed.
    """
    stop_reading, stop_writing = os.pipe()
    try:

        def work_with_stop():
            os.close(stop_writing)  # the child's copy: the pipe ends with the builder
            return work(stop_reading)

        pid, answers = start_child(work_with_stop)
        told = False
        while not select.select([answers], [], [], WAIT_STEP)[0]:
            if not told and newer():
                os.write(stop_writing, b"stop")
                told = True
        return child_answer(pid, answers)
    finally:
        os.close(stop_reading)
        os.close(stop_writing)

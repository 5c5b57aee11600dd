"""Timed sweeps (APScheduler) and the `inspektion reminders` command.

The scheduler only says *when*; the sweep in services/reminders.py decides *what*, and the
database remembers what has been done. So the scheduler may run in every app process.
"""

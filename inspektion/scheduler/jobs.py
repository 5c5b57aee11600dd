"""APScheduler wiring, started and stopped with the web app (api/app.py lifespan hooks)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from inspektion.clock import STOCKHOLM
from inspektion.config import load_settings
from inspektion.services import reminders

log = logging.getLogger("inspektion.scheduler")
FIRST_RUN_DELAY = timedelta(seconds=20)  # let the app finish starting before the first sweep
_scheduler: AsyncIOScheduler | None = None


async def sweep_reminders() -> None:
    """One sweep; a failure is logged and the next run tries again (nothing is half-done)."""
    try:
        result = await reminders.run_sweep()
    except Exception:
        log.exception("påminnelsesvepet misslyckades; nästa körning försöker igen")
        return
    log.info("påminnelsesvep %s: %d nya, %d lösta, %d mejlade, %d ärenden överhoppade",
             result.today, result.total_created, result.total_resolved, result.emailed,
             len(result.skipped))


def start_scheduler() -> AsyncIOScheduler | None:
    """Start the sweeps when INSPEKTION_SCHEDULER is not 0; call from a running event loop."""
    global _scheduler
    settings = load_settings()
    if not settings.scheduler_enabled or _scheduler is not None:
        return _scheduler
    scheduler = AsyncIOScheduler(timezone=STOCKHOLM)
    scheduler.add_job(
        sweep_reminders, IntervalTrigger(minutes=max(1, settings.reminder_sweep_minutes),
                                         timezone=STOCKHOLM),
        id="reminders", name="påminnelser", max_instances=1, coalesce=True,
        next_run_time=datetime.now(STOCKHOLM) + FIRST_RUN_DELAY, replace_existing=True)
    scheduler.start()
    _scheduler = scheduler
    return scheduler


def stop_scheduler() -> None:
    global _scheduler
    if _scheduler is not None and _scheduler.running:
        _scheduler.shutdown(wait=False)
    _scheduler = None

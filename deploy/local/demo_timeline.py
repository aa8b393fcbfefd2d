#!/usr/bin/env python3
"""Formats the audit ledger's answer for ./eer demo as a short aligned timeline.

    demo_timeline.py TIMELINE.json [VERIFY.json]

TIMELINE.json is GET /v1/requests/{id}/timeline of audit-service, VERIFY.json is GET /v1/audit/verify.
One line per ledger event: time (UTC, ms), step (the event type), who (the person or service that caused it),
details (one line). Then the verify result. Exit status 1 when the ledger did not verify.
"""
import json
import sys


def short_time(value):
    # 2026-11-26T18:28:54.671Z -> 18:28:54.671
    if not value or "T" not in value:
        return value or "-"
    clock = value.split("T", 1)[1].rstrip("Z")
    if "." in clock:
        whole, frac = clock.split(".", 1)
        return whole + "." + (frac + "000")[:3]
    return clock + ".000"


def service(source):
    return (source or "-").rsplit("/", 1)[-1]


def who_and_details(kind, d, source):
    """(who, details) for one event; unknown types fall back to the producing service and the field names."""
    if kind == "EmergencyRequested":
        req = d.get("requester") or {}
        plan = (d.get("approval") or {}).get("mode", "")
        return (req.get("id", "-"), "%s %s on %s for %s, incident %s%s" % (
            d.get("kind", ""), d.get("role"), d.get("system"), d.get("requestedDuration"),
            d.get("incident") or "-", ", approval " + plan if plan else ""))
    if kind == "RequestRejected":
        rules = ", ".join(v.get("rule", "?") for v in d.get("violations") or [])
        return ((d.get("requester") or {}).get("id", "-"), "rejected by policy: " + (rules or "-"))
    if kind == "RequestCancelled":
        return (d.get("by", "-"), "cancelled: " + (d.get("reason") or "-"))
    if kind == "Approved":
        approvers = d.get("approvers") or []
        who = ", ".join(approvers) if approvers else "policy"
        return (who, "%s, %s granted for %s" % (d.get("mode"), d.get("role"), d.get("grantedDuration")))
    if kind == "Denied":
        return (d.get("approver", "-"), "denied: " + (d.get("reason") or "-"))
    if kind == "ApprovalEscalated":
        return (service(source), "escalated %s -> %s (level %s)" % (d.get("fromGroup"), d.get("toGroup"), d.get("level")))
    if kind == "ApprovalTimedOut":
        return (service(source), "timed out: " + str(d.get("reason")))
    if kind == "AttemptRefused":
        return ((d.get("actor") or {}).get("id", "-"), "refused %s: %s" % (d.get("action"), d.get("rule")))
    if kind == "AccessGranted":
        return (service(source), "login %s on %s (%s) until %s" % (
            d.get("account"), d.get("system"), d.get("role"), short_time(d.get("expiresAt"))))
    if kind == "GrantFailed":
        return (service(source), "grant failed on %s: %s" % (d.get("system"), d.get("error")))
    if kind == "SessionActionLogged":
        return (service(source), "%s %s via %s (session %s)" % (
            d.get("action"), d.get("object"), d.get("source") or "-", d.get("sessionId")))
    if kind == "AccessExpired":
        return (service(source), "deadline %s reached, fired %s ms late" % (short_time(d.get("deadline")), d.get("latenessMillis")))
    if kind == "AccessRevoked":
        return (service(source), "revoked (%s), %s session(s) terminated, %s" % (
            d.get("reason"), d.get("sessionsTerminated"), "confirmed gone" if d.get("confirmed") else "NOT confirmed"))
    if kind == "ReviewScheduled":
        return (service(source), "review by %s due %s" % (", ".join(d.get("reviewerGroups") or []), d.get("dueAt")))
    if kind == "ReviewCompleted":
        return (d.get("reviewer", "-"), "review %s" % d.get("outcome"))
    if kind == "AlertRaised":
        return (service(source), "%s alert %s: %s" % (d.get("severity"), d.get("rule"), d.get("detail")))
    return (service(source), ", ".join(sorted(d.keys())) if isinstance(d, dict) else str(d))


def one_line(text, width=100):
    text = " ".join(str(text).split())  # no control characters or newlines from event data
    return text if len(text) <= width else text[: width - 1] + "…"


def timeline_rows(timeline):
    rows = []
    for event in timeline.get("events", []):
        kind = (event.get("type") or "").replace("io.eer.", "").rsplit(".v", 1)[0]
        who, details = who_and_details(kind, event.get("data") or {}, event.get("source"))
        rows.append((short_time(event.get("time")), kind, one_line(who, 24), one_line(details)))
    return rows


def aligned(rows, header=("TIME", "STEP", "WHO", "DETAILS")):
    table = [header] + rows
    widths = [max(len(r[i]) for r in table) for i in range(len(header) - 1)]
    return ["  ".join(r[i].ljust(widths[i]) for i in range(len(widths))) + "  " + r[-1] for r in table]


def verify_line(verify):
    if verify.get("ok"):
        return "ledger verify: OK, %s entries, %s checkpoint(s) verified, head %s" % (
            verify.get("size"), verify.get("checkpointsVerified", 0), (verify.get("head") or "")[:16])
    return "ledger verify: FAILED at index %s: %s %s" % (
        verify.get("firstBadIndex"), verify.get("reason"), verify.get("detail") or "")


def main(argv):
    with open(argv[1]) as f:
        timeline = json.load(f)
    for line in aligned(timeline_rows(timeline)):
        print(line.rstrip())
    if len(argv) > 2:
        with open(argv[2]) as f:
            verify = json.load(f)
        print()
        print(verify_line(verify))
        return 0 if verify.get("ok") else 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

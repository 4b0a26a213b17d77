//! The figures the drill prints: per fault, the requests that failed and how long the service
//! was unavailable (the longest stretch in which no request of anyone succeeded) and the
//! longest any one client waited between a failure and its next success.

use super::load::Event;

/// One fault injected.
#[derive(Debug, Clone)]
pub struct Fault {
    pub kind: Kind,
    /// Load time (ms) when it was injected.
    pub at_ms: u64,
    /// What the fault's own check found (a restore's lost answers, say); empty when fine.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    NodeKilled,
    PostgresRestarted,
    Failover,
    BackupRestored,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::NodeKilled,
        Kind::PostgresRestarted,
        Kind::Failover,
        Kind::BackupRestored,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::NodeKilled => "node killed (SIGKILL) and restarted",
            Kind::PostgresRestarted => "PostgreSQL primary restarted",
            Kind::Failover => "primary crashed, standby promoted",
            Kind::BackupRestored => "backup taken and restored",
        }
    }
}

/// What one fault cost.
#[derive(Debug, Clone, Copy, Default)]
pub struct Cost {
    pub failed: usize,
    /// The longest stretch with no successful request from anyone, in ms.
    pub outage_ms: u64,
    /// The longest a client waited from a failed request to its next success, in ms.
    pub worst_client_ms: u64,
}

/// The cost of the fault at `at_ms`, over the events up to `until_ms` (the next fault).
pub fn cost(events: &[Event], at_ms: u64, until_ms: u64) -> Cost {
    // Clients stamp their events before taking the timeline's lock: put them in order.
    let mut window: Vec<&Event> = events
        .iter()
        .filter(|e| e.at_ms >= at_ms && e.at_ms < until_ms)
        .collect();
    window.sort_by_key(|e| e.at_ms);
    let mut c = Cost {
        failed: window.iter().filter(|e| !e.ok).count(),
        ..Cost::default()
    };
    let mut last_ok = at_ms;
    let mut first_failure: std::collections::HashMap<usize, u64> = Default::default();
    for e in &window {
        if e.ok {
            c.outage_ms = c.outage_ms.max(e.at_ms - last_ok);
            last_ok = e.at_ms;
            if let Some(f) = first_failure.remove(&e.client) {
                c.worst_client_ms = c.worst_client_ms.max(e.at_ms - f);
            }
        } else {
            first_failure.entry(e.client).or_insert(e.at_ms);
        }
    }
    // A client still failing at the window's end waited at least until then.
    for f in first_failure.values() {
        c.worst_client_ms = c.worst_client_ms.max(until_ms - f);
    }
    c
}

/// Seconds with one decimal.
pub fn secs(ms: u64) -> String {
    format!("{:.1} s", ms as f64 / 1000.0)
}

/// The per-kind summary table: count, failed requests, outage and worst client (max, and
/// median over the faults of that kind).
pub fn table(faults: &[Fault], events: &[Event], end_ms: u64) -> Vec<String> {
    let mut lines = vec![format!(
        "{:<40} {:>6} {:>8} {:>16} {:>16}",
        "fault", "count", "failed", "outage med/max", "worst client max"
    )];
    // The same figures before the first fault: what "no fault" looks like on this machine.
    if let Some(first) = faults.first() {
        let c = cost(events, 0, first.at_ms);
        lines.push(format!(
            "{:<40} {:>6} {:>8} {:>16} {:>16}",
            "(none: the minute before the first)",
            "-",
            c.failed,
            secs(c.outage_ms),
            secs(c.worst_client_ms)
        ));
    }
    for kind in Kind::ALL {
        let mut costs: Vec<Cost> = faults
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == kind)
            .map(|(i, f)| {
                let until = faults.get(i + 1).map_or(end_ms, |n| n.at_ms);
                cost(events, f.at_ms, until)
            })
            .collect();
        if costs.is_empty() {
            continue;
        }
        costs.sort_by_key(|c| c.outage_ms);
        let median = costs[costs.len() / 2].outage_ms;
        let max = costs.iter().map(|c| c.outage_ms).max().unwrap_or(0);
        let worst = costs.iter().map(|c| c.worst_client_ms).max().unwrap_or(0);
        let failed: usize = costs.iter().map(|c| c.failed).sum();
        lines.push(format!(
            "{:<40} {:>6} {:>8} {:>16} {:>16}",
            kind.name(),
            costs.len(),
            failed,
            format!("{}/{}", secs(median), secs(max)),
            secs(worst)
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(at_ms: u64, client: usize, ok: bool) -> Event {
        Event { at_ms, client, ok }
    }

    #[test]
    fn outage_is_the_longest_stretch_without_a_success() {
        let events = [
            e(100, 0, true),
            e(150, 1, false),
            e(900, 0, false),
            e(1500, 1, true),
            e(1510, 0, true),
        ];
        let c = cost(&events, 100, 2000);
        assert_eq!(c.failed, 2);
        assert_eq!(c.outage_ms, 1400);
        assert_eq!(c.worst_client_ms, 1350, "client 1 from 150 to 1500");
    }

    #[test]
    fn a_client_failing_to_the_end_waited_until_then() {
        let c = cost(&[e(10, 0, true), e(20, 1, false)], 0, 500);
        assert_eq!(c.worst_client_ms, 480);
    }
}

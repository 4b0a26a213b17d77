//! The states of campaigns and call orders, each with the one text the database's `CHECK`
//! constraints, the API and the console protocol use.

kernel::text_enum! {
    /// Where a campaign is in its life.
    #[derive(utoipa::ToSchema)]
    pub enum CampaignStatus {
        Draft = "draft",
        Running = "running",
        Paused = "paused",
        Completed = "completed",
        Cancelled = "cancelled",
    }
}

impl CampaignStatus {
    /// The states a campaign may move to `self` from. Launching a running campaign again is
    /// allowed: it generates the orders of cases that joined its target since.
    pub fn sources(self) -> &'static [CampaignStatus] {
        use CampaignStatus::*;
        match self {
            Draft => &[],
            Running => &[Draft, Paused, Running],
            Paused => &[Running],
            Completed => &[Running, Paused],
            Cancelled => &[Draft, Running, Paused],
        }
    }
}

kernel::text_enum! {
    /// Where a call order is: waiting to be offered, held by an agent, or finished.
    #[derive(utoipa::ToSchema)]
    pub enum OrderState {
        Open = "open",
        Leased = "leased",
        Done = "done",
        Cancelled = "cancelled",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_state_returns_to_draft_and_ended_campaigns_stay_ended() {
        assert!(CampaignStatus::Draft.sources().is_empty());
        for to in CampaignStatus::ALL {
            assert!(!to.sources().contains(&CampaignStatus::Completed));
            assert!(!to.sources().contains(&CampaignStatus::Cancelled));
        }
    }
}

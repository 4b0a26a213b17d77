//! A value the file does not have (a contact imported with a phone and a surname only) is
//! never read as a gap: the text shows "[?]" where it would stand, the view names it, and the
//! console warns the agent in their language.

use kernel::auth::Role;
use serde_json::json;

use super::{agent, take_call};
use crate::support::{campaign_body, Backend, TestApp};

async fn a_missing_value_is_marked_and_named(backend: Backend) {
    let app = TestApp::start(backend).await;
    app.import(
        "last_name,phone,language,postal_code,case_type\nPeeters,+32470123999,fr,1000,contact\n"
            .into(),
    )
    .await;
    let (sup, _) = app.add_user_with(Role::Supervisor, None, &["fr"]).await;
    app.session(&sup)
        .await
        .create_and_launch_campaign(&campaign_body("Contacts", "contact", &["fr"]))
        .await;
    let (mut c, _) = agent(&app).await;
    let call = take_call(&mut c).await;
    let say = call["view"]["say"].as_str().unwrap();
    assert!(say.contains("parler à [?] Peeters"), "{say}");
    assert!(!say.contains('…'), "{say}");
    assert_eq!(
        call["view"]["missing"],
        json!(["person.first_name"]),
        "{call}"
    );
    app.stop().await;
}
both_backends!(a_missing_value_is_marked_and_named);

//! `serve --demo` creates accounts whose password is published: it refuses PostgreSQL and a
//! database that holds accounts it did not create, and says why.

use kernel::auth::Role;

use crate::support::{show, Backend, TestApp};

async fn demo_refuses_real_databases(backend: Backend) {
    let app = TestApp::start(backend).await;
    if backend == Backend::Sqlite {
        // PostgreSQL is refused as it is; a SQLite database only once it has a real account.
        app.add_user(Role::Admin, None).await;
    }
    let out = app.run_cli(&["serve", "--demo", "--listen", "127.0.0.1:0"], "");
    assert!(!out.status.success(), "{}", show(&out));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("--demo refused"), "{}", show(&out));
    let expected = match backend {
        Backend::Postgres => "not on PostgreSQL",
        Backend::Sqlite => "account(s) the demo did not create",
    };
    assert!(said.contains(expected), "{}", show(&out));
    let demo_users = kernel::auth::users::list(&app.kernel.db, None)
        .await
        .unwrap()
        .into_iter()
        .filter(|u| u.email.ends_with("@demo.tracecall.test"))
        .count();
    assert_eq!(demo_users, 0, "nothing was seeded");
    app.stop().await;
}
both_backends!(demo_refuses_real_databases);

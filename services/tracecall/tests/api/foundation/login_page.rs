//! The login page speaks the visitor's language before anyone knows who they are: their
//! browser's (`Accept-Language`), or the one they pick on the page; a wrong password is
//! said as such in that language (it said "log in first", in English).

use reqwest::Method;

use crate::support::{Backend, TestApp};

async fn the_login_page_follows_the_visitors_language(backend: Backend) {
    let app = TestApp::start(backend).await;
    let c = app.anonymous();
    let page = |accept: &'static str, path: &'static str| {
        let c = &c;
        async move {
            c.send(
                c.request(Method::GET, path)
                    .header("accept-language", accept),
            )
            .await
            .text
        }
    };
    let nl = page("nl-BE,nl;q=0.9,en;q=0.8", "/").await;
    assert!(nl.contains("<html lang=\"nl\""), "{nl}");
    assert!(nl.contains("Aanmelden"), "{nl}");
    assert!(
        nl.contains("data-failed=\"Verkeerd e-mailadres of wachtwoord.\""),
        "{nl}"
    );
    let fr = page("fr-BE", "/").await;
    assert!(
        fr.contains("data-failed=\"Adresse e-mail ou mot de passe incorrect.\""),
        "{fr}"
    );
    // Chosen on the page, over the browser's.
    let de = page("fr-BE", "/?lang=de").await;
    assert!(
        de.contains("<html lang=\"de\"") && de.contains("Anmelden"),
        "{de}"
    );
    assert!(de.contains("href=\"/?lang=nl\""), "{de}");
    // An unknown language: the browser's, else English.
    let en = page("es", "/").await;
    assert!(
        en.contains("<html lang=\"en\"") && en.contains("Wrong e-mail address or password."),
        "{en}"
    );
    app.stop().await;
}
both_backends!(the_login_page_follows_the_visitors_language);

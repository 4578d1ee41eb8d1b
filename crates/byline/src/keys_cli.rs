//! The outlet's signing keys from the command line (`byline keys rotate`, `byline keys
//! list`) and at start-up: the key is made on the first start of `serve`, a node without
//! the current key says so in its log, and a key file others may read stops the start.

use anyhow::Context;
use byline_jobs::{KeyState, Signer};
use byline_store::{ArticleQuery, Store};

/// Makes sure the outlet has a current key; logs what this node does with it.
pub async fn prepare(store: &dyn Store, signer: &Signer) -> anyhow::Result<()> {
    let dir = signer.dir().path().display().to_string();
    match signer
        .prepare(store)
        .await
        .with_context(|| format!("signing_key_dir={dir:?}"))?
    {
        KeyState::Created(id) => {
            tracing::info!(key = %id, %dir, "signing key created; published revisions are signed with it");
        }
        KeyState::Signing(id) => tracing::info!(key = %id, %dir, "published revisions are signed"),
        // Signer::prepare has logged the warning.
        KeyState::NotHere(_) => {}
    }
    Ok(())
}

/// `byline keys rotate`: a new current key; the old one's validity ends now and it stays
/// published, so what it signed still verifies.
pub async fn rotate(store: &dyn Store, signer: &Signer) -> anyhow::Result<String> {
    let dir = signer.dir().path().display().to_string();
    let old = store.current_signing_key().await?;
    let id = signer
        .rotate(store)
        .await
        .with_context(|| format!("signing_key_dir={dir:?}"))?;
    match old {
        Some(old) => println!(
            "signing key {id} is current; {} signed until now and stays published",
            old.id
        ),
        None => println!("signing key {id} is current (the outlet's first)"),
    }
    println!("key file: {dir}/{id}.pem (copy it to every node's signing_key_dir, mode 0600)");
    Ok(id)
}

/// `byline keys list`: ids and validity periods, oldest first.
pub async fn list(store: &dyn Store, signer: &Signer) -> anyhow::Result<String> {
    let mut out = String::new();
    let keys = store.signing_keys().await?;
    if keys.is_empty() {
        out.push_str("no signing key yet (one is made on the first start of `byline serve`)\n");
    }
    for key in keys {
        let until = key
            .valid_until
            .map_or_else(|| "now (current)".to_owned(), |t| t.to_rfc3339());
        let here = if signer.dir().has(&key.id) {
            "key file here"
        } else {
            "no key file here"
        };
        out.push_str(&format!(
            "{}  valid from {} until {until}  ({here})\n",
            key.id,
            key.valid_from.to_rfc3339()
        ));
    }
    Ok(out)
}

/// Signs every published article whose current revision has no signature yet (after
/// the demo or a file import loads articles). Returns how many were signed.
pub async fn sign_published(
    store: &dyn Store,
    signer: &Signer,
    base_url: &str,
) -> anyhow::Result<usize> {
    const PAGE: i64 = 200;
    let mut signed = 0;
    let mut offset = 0;
    loop {
        let page = store
            .list_articles(&ArticleQuery {
                limit: PAGE,
                offset,
                ..ArticleQuery::default()
            })
            .await?;
        for summary in &page {
            if store
                .article_signature(summary.id, summary.version)
                .await?
                .is_some()
            {
                continue;
            }
            if let Some(article) = store.article(&summary.slug).await? {
                if signer
                    .sign_published(store, base_url, &article)
                    .await?
                    .is_some()
                {
                    signed += 1;
                }
            }
        }
        if i64::try_from(page.len()).unwrap_or(0) < PAGE {
            return Ok(signed);
        }
        offset += PAGE;
    }
}

//! Password hashing with argon2id (the argon2 crate's default algorithm and parameters), and
//! [`Hasher`], which lets only a few hashes run at once: each holds about 19 MiB.

use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// Shortest password accepted for a staff account.
pub const MIN_LENGTH: usize = 12;

/// Longest password accepted (hashing cost is bounded by it).
pub const MAX_LENGTH: usize = 1024;

/// Why a new password is refused: a catalog message taking `$count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeakPassword {
    pub key: &'static str,
    pub count: usize,
}

/// Why a new password is refused, if it is.
pub fn check_strength(password: &str) -> Result<(), WeakPassword> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(WeakPassword {
            key: "desk-password-too-short",
            count: MIN_LENGTH,
        });
    }
    if length > MAX_LENGTH {
        return Err(WeakPassword {
            key: "desk-password-too-long",
            count: MAX_LENGTH,
        });
    }
    Ok(())
}

/// An argon2id PHC string for `password`.
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// True when `password` matches the stored PHC string.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash to verify against when the account does not exist, so timing does not reveal it.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash("not a real password, only a decoy").unwrap_or_default())
}

/// How long a request waits for a free hashing slot before it is answered "busy".
pub const SLOT_WAIT: Duration = Duration::from_millis(250);

/// Runs argon2 under a semaphore (about one slot per core) on as many dedicated threads, so
/// memory stays flat however many sign-ins arrive: a request that finds no free slot within a
/// short wait gets [`HashError::Busy`] (503 with Retry-After) instead of queueing. (On the
/// shared blocking pool the 19 MiB blocks would land in many threads' malloc arenas, which
/// keep them.)
#[derive(Debug)]
pub struct Hasher {
    slots: Arc<tokio::sync::Semaphore>,
    wait: Duration,
    jobs: mpsc::Sender<Job>,
}

type Job = Box<dyn FnOnce() + Send>;

/// Why a hash or verification did not run.
#[derive(Debug, PartialEq, Eq)]
pub enum HashError {
    /// Every slot stayed taken for the whole wait.
    Busy,
    /// The hashing threads failed.
    Failed(String),
}

/// A taken hashing slot; hashing with it gives it back when the hash is done.
#[derive(Debug)]
pub struct Slot {
    permit: tokio::sync::OwnedSemaphorePermit,
    jobs: mpsc::Sender<Job>,
}

impl Hasher {
    /// `slots` hashes at once (at least one), each on its own thread; a request waits at
    /// most `wait` for a free one.
    pub fn new(slots: usize, wait: Duration) -> Self {
        let slots = slots.max(1);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..slots {
            let queue = Arc::clone(&queue);
            let started = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || loop {
                    let job = match queue.lock() {
                        Ok(queue) => queue.recv(),
                        Err(_) => return,
                    };
                    match job {
                        // A panicking hash fails its own request (its result sender is dropped), not the thread.
                        Ok(job) => {
                            drop(std::panic::catch_unwind(std::panic::AssertUnwindSafe(job)))
                        }
                        Err(_) => return,
                    }
                });
            if let Err(e) = started {
                tracing::error!(error = %e, "cannot start a password-hashing thread");
            }
        }
        Self {
            slots: Arc::new(tokio::sync::Semaphore::new(slots)),
            wait,
            jobs,
        }
    }

    /// One slot per core, at least two.
    pub fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get);
        Self::new(cores.max(2), SLOT_WAIT)
    }

    /// Waits up to the configured time for a free slot. Taking the slot before anything
    /// irreversible (consuming a one-time token) means a busy answer loses nothing.
    pub async fn slot(&self) -> Result<Slot, HashError> {
        match tokio::time::timeout(self.wait, Arc::clone(&self.slots).acquire_owned()).await {
            Ok(Ok(permit)) => Ok(Slot {
                permit,
                jobs: self.jobs.clone(),
            }),
            _ => Err(HashError::Busy),
        }
    }

    /// [`verify`] in a slot.
    pub async fn verify(&self, password: String, phc: String) -> Result<bool, HashError> {
        self.slot().await?.verify(password, phc).await
    }

    /// [`hash`] in a slot.
    pub async fn hash(&self, password: String) -> Result<String, HashError> {
        self.slot().await?.hash(password).await
    }
}

impl Slot {
    /// The slot is held until the hash is done, even if the request is dropped meanwhile.
    async fn run<T: Send + 'static>(
        self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, HashError> {
        let (done, result) = tokio::sync::oneshot::channel();
        let permit = self.permit;
        let job: Job = Box::new(move || {
            let _permit = permit;
            // The request may have gone away meanwhile; then nobody wants the answer.
            let _ = done.send(work());
        });
        self.jobs
            .send(job)
            .map_err(|_| HashError::Failed("no password-hashing thread is running".into()))?;
        result
            .await
            .map_err(|_| HashError::Failed("the password hash failed".into()))
    }

    pub async fn verify(self, password: String, phc: String) -> Result<bool, HashError> {
        self.run(move || verify(&password, &phc)).await
    }

    pub async fn hash(self, password: String) -> Result<String, HashError> {
        self.run(move || hash(&password))
            .await?
            .map_err(HashError::Failed)
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::{HashError, Hasher};

    #[tokio::test]
    async fn a_full_hasher_answers_busy_fast_and_frees_its_slots() {
        let hasher = Hasher::new(2, Duration::from_millis(100));
        let held = [
            hasher.slot().await.expect("slot"),
            hasher.slot().await.expect("slot"),
        ];
        let started = Instant::now();
        assert_eq!(
            hasher.verify("pw".into(), super::decoy_hash().into()).await,
            Err(HashError::Busy)
        );
        assert_eq!(hasher.hash("pw".into()).await, Err(HashError::Busy));
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "busy is answered after the short wait, not a queue"
        );
        drop(held);
        let phc = hasher.hash("a long passphrase".into()).await.expect("hash");
        assert_eq!(
            hasher.verify("a long passphrase".into(), phc).await,
            Ok(true)
        );
        assert!(
            Hasher::for_this_machine().slots.available_permits() >= 2,
            "at least two slots"
        );
    }

    #[test]
    fn hashes_with_argon2id_and_verifies() {
        let phc = super::hash("correct horse battery staple").expect("hash");
        assert!(phc.starts_with("$argon2id$"), "{phc}");
        assert!(super::verify("correct horse battery staple", &phc));
        assert!(!super::verify("wrong", &phc));
        assert!(!super::verify("x", "not a hash"));
        assert!(super::check_strength("short").is_err());
        assert!(super::check_strength("long enough passphrase").is_ok());
    }
}

//! One subprocess: text on stdin, bytes on stdout, bounded in time and in output. A
//! process that outlives its timeout is killed (and so is one whose caller goes away:
//! `kill_on_drop`), so a hung engine never holds a synthesis slot for long.

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::process::Command;

use crate::AudioError;

/// Most stderr kept for an error message.
const STDERR_KEPT: usize = 2048;

/// A program and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invocation {
    pub program: String,
    pub args: Vec<String>,
}

impl Invocation {
    pub fn new(program: impl Into<String>, args: impl IntoIterator<Item = String>) -> Self {
        Self {
            program: program.into(),
            args: args.into_iter().collect(),
        }
    }

    /// The program's file name, for messages.
    pub fn name(&self) -> String {
        Path::new(&self.program).file_name().map_or_else(
            || self.program.clone(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// Runs `invocation` with `input` on stdin; returns its stdout (at most `max_output`
/// bytes). A non-zero exit, a timeout or too much output is an error naming the program.
pub async fn run(
    invocation: &Invocation,
    input: &[u8],
    timeout: Duration,
    max_output: usize,
) -> Result<Vec<u8>, AudioError> {
    let name = invocation.name();
    let mut child = Command::new(&invocation.program)
        .args(&invocation.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| AudioError::Spawn {
            program: name.clone(),
            reason: e.to_string(),
        })?;
    let mut stdin = child.stdin.take();
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let input = input.to_vec();
    // Stderr is drained on its own task so a chatty program never blocks on it.
    let stderr_task = stderr.take().map(|mut pipe| {
        tokio::spawn(async move {
            let mut kept = Vec::new();
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf).await {
                if n == 0 {
                    break;
                }
                if kept.len() < 64 * 1024 {
                    kept.extend_from_slice(&buf[..n]);
                }
            }
            kept
        })
    });
    let work = async {
        let write = async {
            if let Some(mut pipe) = stdin.take() {
                // A program that does not read its input closes the pipe: not an error here.
                let _ = pipe.write_all(&input).await;
                let _ = pipe.shutdown().await;
            }
        };
        let read = async {
            let mut out = Vec::new();
            if let Some(pipe) = stdout.as_mut() {
                let mut limited = pipe.take(u64::try_from(max_output).unwrap_or(u64::MAX) + 1);
                limited.read_to_end(&mut out).await?;
            }
            Ok::<_, std::io::Error>(out)
        };
        let ((), out) = tokio::join!(write, read);
        let out = out?;
        if out.len() > max_output {
            return Ok(Err(AudioError::TooLarge {
                program: name.clone(),
                limit: max_output,
            }));
        }
        let status = child.wait().await?;
        Ok::<_, std::io::Error>(Ok((status, out)))
    };
    let outcome = tokio::time::timeout(timeout, work).await;
    let finished = match outcome {
        Ok(Ok(Ok(done))) => Ok(done),
        Ok(Ok(Err(too_large))) => Err(too_large),
        Ok(Err(io)) => Err(AudioError::from(io)),
        Err(_) => Err(AudioError::Timeout {
            program: name.clone(),
            secs: timeout.as_secs().max(1),
        }),
    };
    let (status, out) = match finished {
        Ok(done) => done,
        Err(e) => {
            let _ = child.kill().await;
            return Err(e);
        }
    };
    let err = match stderr_task {
        // (bounded: a leftover grandchild may hold the pipe open)
        Some(task) => tokio::time::timeout(Duration::from_secs(1), task)
            .await
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default(),
        None => Vec::new(),
    };
    if !status.success() {
        let text = String::from_utf8_lossy(&err);
        let mut stderr: String = text.trim().chars().rev().take(STDERR_KEPT).collect();
        stderr = stderr.chars().rev().collect();
        return Err(AudioError::Failed {
            program: name,
            status: status.to_string(),
            stderr: if stderr.is_empty() {
                "no message".into()
            } else {
                stderr
            },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Invocation {
        Invocation::new("sh", ["-c".to_owned(), script.to_owned()])
    }

    #[tokio::test]
    async fn output_errors_timeouts_and_limits_are_told_apart() {
        let second = Duration::from_secs(5);
        let out = run(&sh("cat"), b"hello", second, 100).await;
        assert_eq!(out, Ok(b"hello".to_vec()));

        let failed = run(&sh("echo broken voice >&2; exit 3"), b"", second, 100).await;
        match failed {
            Err(AudioError::Failed { stderr, status, .. }) => {
                assert_eq!(stderr, "broken voice");
                assert!(status.contains('3'), "{status}");
            }
            other => panic!("{other:?}"),
        }

        let started = std::time::Instant::now();
        let hung = run(&sh("sleep 30"), b"", Duration::from_millis(300), 100).await;
        assert!(matches!(hung, Err(AudioError::Timeout { .. })), "{hung:?}");
        assert!(started.elapsed() < Duration::from_secs(5));

        let flood = run(&sh("yes"), b"", second, 1000).await;
        assert!(
            matches!(flood, Err(AudioError::TooLarge { .. })),
            "{flood:?}"
        );

        let missing = run(&Invocation::new("/nonexistent/tts", []), b"", second, 10).await;
        assert!(
            matches!(missing, Err(AudioError::Spawn { .. })),
            "{missing:?}"
        );
    }
}

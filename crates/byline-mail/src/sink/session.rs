//! One SMTP conversation: reads commands line by line and answers them,
//! storing each completed DATA transaction in the shared sink state.

use std::io;
use std::sync::Arc;

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::tcp::OwnedWriteHalf;
use tokio::net::TcpStream;

use super::{AfterContent, ReceivedMail, SinkState};

/// Longest accepted line; RFC 5321 needs 512 (commands) and 1000 (text).
const MAX_LINE: u64 = 64 * 1024;
/// Largest accepted message, also advertised with the SIZE extension.
const MAX_MESSAGE: usize = 32 * 1024 * 1024;
/// Host name the sink uses in its greetings.
const HOSTNAME: &str = "byline-sink.localhost";

/// Serves one client until QUIT, EOF or an I/O error (logged at debug).
pub(crate) async fn run(stream: TcpStream, state: Arc<SinkState>) {
    if let Err(err) = converse(stream, &state).await {
        tracing::debug!(error = %err, "SMTP sink session ended with an error");
    }
}

/// The envelope being collected between MAIL and the end of DATA.
#[derive(Default)]
struct Envelope {
    mail_from: Option<String>,
    rcpt_to: Vec<String>,
}

async fn converse(stream: TcpStream, state: &SinkState) -> io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut reader = BufReader::new(read);
    reply(
        &mut write,
        &format!("220 {HOSTNAME} ESMTP Byline test sink ready"),
    )
    .await?;
    let mut greeted = false;
    let mut auth: Option<(String, String)> = None;
    let mut envelope = Envelope::default();
    loop {
        quick_ack(&reader);
        let line = match read_line(&mut reader).await? {
            Line::Text(line) => line,
            Line::TooLong => return reply(&mut write, "500 5.5.2 line too long").await,
            Line::Eof => return Ok(()),
        };
        let (verb, arg) = line.split_once(' ').unwrap_or((line.as_str(), ""));
        let arg = arg.trim();
        let answer = match verb.to_ascii_uppercase().as_str() {
            "EHLO" => {
                greeted = true;
                envelope = Envelope::default();
                format!(
                    "250-{HOSTNAME} greets {arg}\r\n250-PIPELINING\r\n250-8BITMIME\r\n250-AUTH PLAIN\r\n250 SIZE {MAX_MESSAGE}"
                )
            }
            "HELO" => {
                greeted = true;
                envelope = Envelope::default();
                format!("250 {HOSTNAME}")
            }
            "AUTH" if !greeted => "503 5.5.1 say EHLO first".to_owned(),
            "AUTH" if auth.is_some() => "503 5.5.1 already authenticated".to_owned(),
            "AUTH" => {
                let (mechanism, initial) = arg.split_once(' ').unwrap_or((arg, ""));
                if !mechanism.eq_ignore_ascii_case("PLAIN") {
                    "504 5.5.4 only AUTH PLAIN is supported".to_owned()
                } else {
                    let response = if initial.is_empty() {
                        reply(&mut write, "334 ").await?;
                        match read_line(&mut reader).await? {
                            Line::Text(line) => line,
                            _ => return Ok(()),
                        }
                    } else {
                        initial.to_owned()
                    };
                    match plain_credentials(response.trim()) {
                        Some(credentials) => {
                            auth = Some(credentials);
                            "235 2.7.0 authenticated".to_owned()
                        }
                        None => "501 5.5.2 malformed AUTH PLAIN response".to_owned(),
                    }
                }
            }
            "MAIL" if !greeted => "503 5.5.1 say EHLO or HELO first".to_owned(),
            "MAIL" if envelope.mail_from.is_some() => "503 5.5.1 nested MAIL command".to_owned(),
            "MAIL" => match path_after(arg, "FROM:") {
                Some(from) => match state.sender_rejections().get(&from.to_ascii_lowercase()) {
                    Some(&code) => {
                        state.refused();
                        format!(
                            "{code} {}.7.1 <{from}> may not send here (test sink)",
                            code / 100
                        )
                    }
                    None => {
                        envelope.mail_from = Some(from);
                        "250 2.1.0 sender OK".to_owned()
                    }
                },
                None => "501 5.5.4 syntax: MAIL FROM:<address>".to_owned(),
            },
            "RCPT" if envelope.mail_from.is_none() => "503 5.5.1 need MAIL first".to_owned(),
            "RCPT" => match path_after(arg, "TO:").filter(|to| !to.is_empty()) {
                Some(to) => recipient(state, &mut envelope, to),
                None => "501 5.5.4 syntax: RCPT TO:<address>".to_owned(),
            },
            "DATA" if envelope.rcpt_to.is_empty() => "503 5.5.1 need RCPT first".to_owned(),
            "DATA" => {
                reply(&mut write, "354 end data with <CR><LF>.<CR><LF>").await?;
                let envelope = std::mem::take(&mut envelope);
                quick_ack(&reader);
                match read_data(&mut reader).await? {
                    Data::Message(data) => match chosen_outcome(state, &envelope) {
                        Some(AfterContent::Refuse(code)) => {
                            state.refused();
                            format!("{code} {}.7.1 message refused by the test sink", code / 100)
                        }
                        Some(AfterContent::KeepAndHangUp) => {
                            store(state, envelope, data, auth.clone());
                            return Ok(());
                        }
                        None => store(state, envelope, data, auth.clone()),
                    },
                    Data::TooBig => "552 5.3.4 message too big".to_owned(),
                    Data::Eof => return Ok(()),
                }
            }
            "RSET" => {
                envelope = Envelope::default();
                "250 2.0.0 reset".to_owned()
            }
            "NOOP" => "250 2.0.0 OK".to_owned(),
            "QUIT" => return reply(&mut write, &format!("221 2.0.0 {HOSTNAME} closing")).await,
            _ => "502 5.5.2 command not implemented".to_owned(),
        };
        reply(&mut write, &answer).await?;
    }
}

/// Adds `to` to the envelope unless the test asked for it to be refused.
fn recipient(state: &SinkState, envelope: &mut Envelope, to: String) -> String {
    match state.rejections().get(&to.to_ascii_lowercase()) {
        Some(&code) => {
            state.refused();
            let class = code / 100;
            format!("{code} {class}.1.1 <{to}> refused by the test sink")
        }
        None => {
            envelope.rcpt_to.push(to);
            "250 2.1.5 recipient OK".to_owned()
        }
    }
}

/// User name and password from an `AUTH PLAIN` response, base64 of
/// `authzid NUL user NUL password` (RFC 4616).
fn plain_credentials(response: &str) -> Option<(String, String)> {
    use base64::Engine as _;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(response)
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let mut parts = text.split('\0');
    let (_authzid, user, password) = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none() && !user.is_empty()).then(|| (user.to_owned(), password.to_owned()))
}

/// The first [`AfterContent`] chosen for any recipient of the envelope.
fn chosen_outcome(state: &SinkState, envelope: &Envelope) -> Option<AfterContent> {
    let chosen = state.after_content();
    envelope
        .rcpt_to
        .iter()
        .find_map(|to| chosen.get(&to.to_ascii_lowercase()).copied())
}

fn store(
    state: &SinkState,
    envelope: Envelope,
    data: Vec<u8>,
    auth: Option<(String, String)>,
) -> String {
    let mail = ReceivedMail {
        mail_from: envelope.mail_from.unwrap_or_default(),
        rcpt_to: envelope.rcpt_to,
        data: String::from_utf8_lossy(&data).into_owned(),
        auth,
    };
    let mut number = 0;
    state.mails.send_modify(|mails| {
        mails.push(mail);
        number = mails.len();
    });
    format!("250 2.0.0 OK queued as {number}")
}

/// The address in `FROM:<a@b> PARAMS` or `TO:<a@b>` (brackets optional);
/// `Some("")` for the null path `<>`.
fn path_after(arg: &str, keyword: &str) -> Option<String> {
    let head = arg.get(..keyword.len())?;
    if !head.eq_ignore_ascii_case(keyword) {
        return None;
    }
    let rest = arg[keyword.len()..].trim_start();
    let path = match rest.strip_prefix('<') {
        Some(inner) => inner.split_once('>')?.0,
        None => rest.split_whitespace().next()?,
    };
    Some(path.to_owned())
}

/// One command line, as read by [`read_line`].
enum Line {
    /// The line without its line ending.
    Text(String),
    /// Longer than [`MAX_LINE`]: the session is closed.
    TooLong,
    /// The client closed the connection (possibly mid-line).
    Eof,
}

async fn read_line<R>(reader: &mut R) -> io::Result<Line>
where
    R: AsyncBufRead + Unpin,
{
    let mut raw = Vec::new();
    let n = (&mut *reader)
        .take(MAX_LINE)
        .read_until(b'\n', &mut raw)
        .await?;
    Ok(match (raw.ends_with(b"\n"), n as u64 >= MAX_LINE) {
        (true, _) => {
            let line = String::from_utf8_lossy(&raw);
            Line::Text(line.trim_end_matches(['\r', '\n']).to_owned())
        }
        (false, true) => Line::TooLong,
        (false, false) => Line::Eof,
    })
}

/// Message text after DATA, as read by [`read_data`].
enum Data {
    /// The message, dot-unstuffed, without the terminating `.` line.
    Message(Vec<u8>),
    /// Over [`MAX_MESSAGE`]; the rest was read so the session stays in step.
    TooBig,
    /// The client closed the connection before the terminating `.` line.
    Eof,
}

/// Reads message text up to the lone `.` line, undoing dot-stuffing.
async fn read_data<R>(reader: &mut R) -> io::Result<Data>
where
    R: AsyncBufRead + Unpin,
{
    let mut data = Vec::new();
    let mut too_big = false;
    loop {
        let mut raw = Vec::new();
        if (&mut *reader)
            .take(MAX_LINE)
            .read_until(b'\n', &mut raw)
            .await?
            == 0
        {
            return Ok(Data::Eof);
        }
        if raw == b".\r\n" || raw == b".\n" {
            return Ok(if too_big {
                Data::TooBig
            } else {
                Data::Message(data)
            });
        }
        let unstuffed = raw.strip_prefix(b".").unwrap_or(&raw);
        too_big |= data.len() + unstuffed.len() > MAX_MESSAGE;
        if !too_big {
            data.extend_from_slice(unstuffed);
        }
    }
}

async fn reply(write: &mut OwnedWriteHalf, text: &str) -> io::Result<()> {
    write.write_all(format!("{text}\r\n").as_bytes()).await
}

/// Acknowledges received data at once. SMTP clients (lettre among them) write the message
/// and its final `.` line separately; with Nagle's algorithm on their side and delayed ACKs
/// on ours, every message would wait ~40 ms for an ACK on loopback.
fn quick_ack(reader: &BufReader<tokio::net::tcp::OwnedReadHalf>) {
    #[cfg(target_os = "linux")]
    {
        let stream: &tokio::net::TcpStream = reader.get_ref().as_ref();
        let _ = socket2::SockRef::from(stream).set_tcp_quickack(true);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = reader;
}

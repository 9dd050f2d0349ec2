//! A minimal keep-alive HTTP/1.1 GET client over one TCP connection, and
//! the load driver: `clients` connections on loopback, each sending its
//! share of requests one after another, every latency recorded.
//!
//! Written here rather than taken from a crate: it needs only GET, a
//! `Content-Length` body and keep-alive, and the binary stays lean.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::{Context as _, bail};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One connection to the server.
pub struct Client {
    stream: TcpStream,
    buf: Vec<u8>,
}

/// A response: status and body.
#[derive(Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub body: Vec<u8>,
}

/// Where the head ends (`\r\n\r\n`), its status and `Content-Length`.
/// `None` while the head is incomplete.
pub fn parse_head(buf: &[u8]) -> anyhow::Result<Option<(usize, u16, usize)>> {
    let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = std::str::from_utf8(&buf[..end]).context("response head is not UTF-8")?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status: u16 = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .with_context(|| format!("bad status line '{status_line}'"))?;
    let mut length = None;
    for l in lines {
        if let Some((name, value)) = l.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = Some(value.trim().parse().context("bad Content-Length")?);
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                bail!("chunked responses are not supported by the bench client");
            }
        }
    }
    let length = length.context("response without Content-Length")?;
    Ok(Some((end + 4, status, length)))
}

impl Client {
    pub async fn connect(addr: SocketAddr) -> anyhow::Result<Client> {
        let stream = TcpStream::connect(addr)
            .await
            .with_context(|| format!("connecting to {addr}"))?;
        stream.set_nodelay(true)?;
        Ok(Client {
            stream,
            buf: Vec::with_capacity(16 * 1024),
        })
    }

    /// GET `path` and read the whole response.
    pub async fn get(&mut self, path: &str) -> anyhow::Result<Response> {
        let req =
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n");
        self.stream.write_all(req.as_bytes()).await?;
        self.buf.clear();
        let mut chunk = [0u8; 16 * 1024];
        loop {
            if let Some((head, status, length)) = parse_head(&self.buf)?
                && self.buf.len() >= head + length
            {
                let body = self.buf[head..head + length].to_vec();
                return Ok(Response { status, body });
            }
            let n = self.stream.read(&mut chunk).await?;
            if n == 0 {
                bail!("the server closed the connection mid-response");
            }
            self.buf.extend_from_slice(&chunk[..n]);
        }
    }
}

/// What a load run measured.
pub struct Load {
    pub latencies: Vec<Duration>,
    pub elapsed: Duration,
    pub errors: usize,
}

/// `clients` connections, `requests` GETs of `path` in all (shared out
/// evenly), stopping early after `limit`. Each connection first sends one
/// request that is not counted (warm-up).
pub async fn load(
    addr: SocketAddr,
    path: &str,
    clients: usize,
    requests: usize,
    limit: Duration,
) -> anyhow::Result<Load> {
    let per_client = requests.div_ceil(clients.max(1));
    let mut conns = Vec::with_capacity(clients);
    for _ in 0..clients {
        let mut c = Client::connect(addr).await?;
        let r = c.get(path).await?;
        if r.status != 200 {
            bail!(
                "GET {path} answered {}: {}",
                r.status,
                String::from_utf8_lossy(&r.body)
            );
        }
        conns.push(c);
    }
    let start = Instant::now();
    let deadline = start + limit;
    let tasks: Vec<_> = conns
        .into_iter()
        .map(|mut c| {
            let path = path.to_owned();
            tokio::spawn(async move {
                let mut lat = Vec::with_capacity(per_client);
                let mut errors = 0;
                for _ in 0..per_client {
                    if Instant::now() > deadline {
                        break;
                    }
                    let t = Instant::now();
                    match c.get(&path).await {
                        Ok(r) if r.status == 200 => lat.push(t.elapsed()),
                        _ => errors += 1,
                    }
                }
                (lat, errors)
            })
        })
        .collect();
    let mut out = Load {
        latencies: Vec::with_capacity(requests),
        elapsed: Duration::ZERO,
        errors: 0,
    };
    for t in tasks {
        let (lat, errors) = t.await?;
        out.latencies.extend(lat);
        out.errors += errors;
    }
    out.elapsed = start.elapsed();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_response_head() {
        let r = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(parse_head(r).unwrap(), Some((r.len() - 2, 200, 2)));
        assert_eq!(parse_head(b"HTTP/1.1 200 OK\r\ncontent-le").unwrap(), None);
        assert!(parse_head(b"HTTP/1.1 200 OK\r\n\r\n").is_err());
        assert!(parse_head(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n").is_err());
        let nf = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        assert_eq!(parse_head(nf).unwrap(), Some((nf.len(), 404, 0)));
    }

    #[tokio::test]
    async fn gets_over_keep_alive() {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 1024];
            for body in ["one", "three"] {
                let n = s.read(&mut buf).await.unwrap();
                assert!(buf[..n].starts_with(b"GET /x HTTP/1.1\r\n"));
                let resp = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                s.write_all(resp.as_bytes()).await.unwrap();
            }
        });
        let mut c = Client::connect(addr).await.unwrap();
        assert_eq!(c.get("/x").await.unwrap().body, b"one");
        let r = c.get("/x").await.unwrap();
        assert_eq!((r.status, r.body.as_slice()), (200, &b"three"[..]));
        server.await.unwrap();
    }
}

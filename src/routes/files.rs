//! `GET /static/<path..>`: the static files, from memory, compressed as the
//! browser accepts (`Accept-Encoding`): brotli, else gzip, else as on disk.

use std::io::Cursor;
use std::sync::Arc;

use rocket::http::uri::{fmt::Path, Segments};
use rocket::http::{ContentType, Header};
use rocket::request::{self, FromRequest, Request};
use rocket::response::{self, Responder, Response};
use rocket::{get, routes, Route, State};

use crate::encoding::Coding;
use crate::shop::Shop;

/// The coding a request's `Accept-Encoding` prefers among those the static
/// files come in. Never fails: an odd header means no compression.
pub struct Accepted(Coding);

#[rocket::async_trait]
impl<'r> FromRequest<'r> for Accepted {
    type Error = std::convert::Infallible;

    async fn from_request(req: &'r Request<'_>) -> request::Outcome<Self, Self::Error> {
        let offered = [Coding::Brotli, Coding::Gzip];
        let accepted = Coding::negotiate(req.headers().get("Accept-Encoding"), &offered);
        request::Outcome::Success(Accepted(accepted))
    }
}

/// A static file's bytes in one coding.
pub struct FileBody {
    content_type: ContentType,
    coding: Coding,
    bytes: Arc<[u8]>,
}

impl<'r> Responder<'r, 'static> for FileBody {
    fn respond_to(self, _: &'r Request<'_>) -> response::Result<'static> {
        let mut res = Response::build();
        res.header(self.content_type)
            .header(Header::new("Vary", "Accept-Encoding"));
        if self.coding != Coding::Identity {
            res.header(Header::new("Content-Encoding", self.coding.token()));
        }
        res.sized_body(self.bytes.len(), Cursor::new(self.bytes));
        Ok(res.finalize())
    }
}

/// A file under the static directory; 404 for anything that was not a file
/// there at launch (hidden files, `..`, directories). The caching headers
/// are set with the security headers ([`crate::fairings::SecurityHeaders`]).
#[get("/<path..>")]
pub fn file(path: Segments<'_, Path>, accepted: Accepted, shop: &State<Shop>) -> Option<FileBody> {
    if path.clone().any(|segment| segment.contains(['/', '\\'])) {
        return None;
    }
    let name = path.collect::<Vec<_>>().join("/");
    let file = shop.assets.file(&name)?;
    let (coding, bytes) = file.body(accepted.0);
    Some(FileBody {
        content_type: file.content_type().clone(),
        coding,
        bytes,
    })
}

pub fn routes() -> Vec<Route> {
    routes![file]
}

//! The logical structure of the document (Tagged PDF, PDF/UA): structure elements (H1–H3,
//! P, Table/TR/TH/TD, Figure, TOC/TOCI/Link) whose content is marked in the page streams
//! with MCIDs, everything else (running headers, page numbers, rules, fills, repeated table
//! headers) marked as /Artifact. The layout says which element it draws for; the marked
//! content sequences follow from that, opened and closed as drawing switches elements and
//! pages. Only the drawing pass records anything.

use super::Doc;
use super::output::{LINK_KEYS, Output};
use crate::report::pdf::writer::{PdfWriter, Ref, int, real, text_string};

/// What drawing goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Decoration and repetition, not part of the content.
    Artifact,
    /// A structure element (index into the element list).
    Elem(usize),
}

/// A kid of a structure element.
#[derive(Debug, Clone, Copy)]
enum Kid {
    Elem(Ref),
    /// A marked-content sequence: page index and MCID.
    Content(u32, u32),
    /// A link annotation (index into the link list).
    Annot(usize),
}

/// A structure element not yet written. Elements are written to the file as soon as they
/// are closed (a table cell with its row), so the tree never waits in memory whole.
#[derive(Debug)]
struct Elem {
    role: &'static str,
    own: Ref,
    parent: Ref,
    kids: Vec<Kid>,
    alt: Option<String>,
    /// Attributes written as an /A dictionary (e.g. `/O/Table/Scope/Column`).
    attrs: Option<String>,
    /// Elements created under it without being opened (cells): written with it.
    leaves: Vec<usize>,
}

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A page of the document (index, 0 = cover): written as /Dest.
    Page(usize),
    /// A web address: written as a URI action (non-ASCII bytes percent-encoded).
    Uri(String),
}

/// A link annotation on a page.
#[derive(Debug)]
pub struct Link {
    /// Page the annotation is on.
    pub page: u32,
    /// Rectangle in PDF coordinates (x1, y1, x2, y2).
    pub rect: [f32; 4],
    /// Where it leads.
    pub to: LinkTarget,
    /// Its text (also /Contents, for assistive technology).
    pub text: String,
    /// The annotation's object (reserved when the link is made).
    pub annot: Ref,
}

/// The structure tree being built.
#[derive(Debug)]
pub struct Tags {
    /// Elements still open or waiting for their parent (by id).
    elems: std::collections::HashMap<usize, Elem>,
    next_id: usize,
    stack: Vec<usize>,
    /// The tree root's object.
    root: Ref,
    /// What drawing goes to now.
    pub target: Target,
    /// The marked-content sequence open in the current page's stream.
    open: Option<Target>,
    /// Element of each MCID of the current page.
    page_mcids: Vec<Ref>,
    /// The same for every finished page.
    parent_tree: Vec<Vec<Ref>>,
    /// Link annotations with their element.
    pub links: Vec<(Link, Ref)>,
    /// The /Document element's object.
    document: Ref,
}

impl Tags {
    /// A tree with its /Document element.
    pub fn new(w: &mut PdfWriter) -> Tags {
        let root = w.reserve();
        let own = w.reserve();
        let mut elems = std::collections::HashMap::new();
        elems.insert(
            0,
            Elem {
                role: "Document",
                own,
                parent: root,
                kids: Vec::new(),
                alt: None,
                attrs: None,
                leaves: Vec::new(),
            },
        );
        Tags {
            elems,
            next_id: 1,
            stack: vec![0],
            root,
            target: Target::Artifact,
            open: None,
            page_mcids: Vec::new(),
            parent_tree: Vec::new(),
            links: Vec::new(),
            document: own,
        }
    }

    /// A new element under `parent`.
    fn child(&mut self, w: &mut PdfWriter, parent: usize, role: &'static str) -> usize {
        let id = self.next_id;
        self.next_id += 1;
        let own = w.reserve();
        let parent_ref = match self.elems.get_mut(&parent) {
            Some(p) => {
                p.kids.push(Kid::Elem(own));
                p.own
            }
            None => self.root,
        };
        self.elems.insert(
            id,
            Elem {
                role,
                own,
                parent: parent_ref,
                kids: Vec::new(),
                alt: None,
                attrs: None,
                leaves: Vec::new(),
            },
        );
        id
    }

    /// The marked-content operators that make drawing go to the current target on page
    /// `page`.
    fn switch(&mut self, page: u32, ops: &mut Vec<u8>) {
        if self.open == Some(self.target) {
            return;
        }
        if self.open.is_some() {
            ops.extend_from_slice(b"EMC\n");
        }
        let elem = match self.target {
            Target::Elem(id) => self.elems.get_mut(&id),
            Target::Artifact => None,
        };
        match elem {
            None => ops.extend_from_slice(b"/Artifact BMC\n"),
            Some(e) => {
                let mcid = self.page_mcids.len() as u32;
                self.page_mcids.push(e.own);
                e.kids.push(Kid::Content(page, mcid));
                ops.push(b'/');
                ops.extend_from_slice(e.role.as_bytes());
                ops.extend_from_slice(b"<</MCID ");
                int(ops, i64::from(mcid));
                ops.extend_from_slice(b">>BDC\n");
            }
        }
        self.open = Some(self.target);
    }

    /// Closes the page's open sequence; returns the operator to append.
    pub fn end_page(&mut self) -> &'static [u8] {
        self.parent_tree.push(std::mem::take(&mut self.page_mcids));
        if self.open.take().is_some() {
            b"EMC\n"
        } else {
            b""
        }
    }

    /// Closes element `id` and writes it with the cells created under it, then forgets
    /// them.
    fn close(&mut self, id: usize, w: &mut PdfWriter, pages: &mut Vec<Ref>) {
        let Some(e) = self.elems.remove(&id) else {
            return;
        };
        for leaf in &e.leaves {
            self.close(*leaf, w, pages);
        }
        // Marked content on one page is listed as MCIDs under the element's /Pg.
        let mut content_pages = e.kids.iter().filter_map(|k| match k {
            Kid::Content(p, _) => Some(*p),
            _ => None,
        });
        let first = content_pages.next();
        let one_page = first.filter(|f| content_pages.all(|p| p == *f));
        let pg = one_page.map(|p| page_ref(w, pages, p as usize));
        let kid_pages: Vec<Option<Ref>> = e
            .kids
            .iter()
            .map(|k| match k {
                Kid::Content(p, _) if one_page.is_none() => Some(page_ref(w, pages, *p as usize)),
                Kid::Annot(a) => self
                    .links
                    .get(*a)
                    .map(|(l, _)| page_ref(w, pages, l.page as usize)),
                _ => None,
            })
            .collect();
        let links = &self.links;
        w.object(e.own, |o| {
            o.extend_from_slice(b"<</S/");
            o.extend_from_slice(e.role.as_bytes());
            o.extend_from_slice(b"/P ");
            e.parent.write(o);
            if let Some(pg) = pg {
                o.extend_from_slice(b"/Pg ");
                pg.write(o);
            }
            if let Some(alt) = &e.alt {
                o.extend_from_slice(b"/Alt");
                text_string(o, alt);
            }
            if let Some(a) = &e.attrs {
                o.extend_from_slice(b"/A<<");
                o.extend_from_slice(a.as_bytes());
                o.extend_from_slice(b">>");
            }
            o.extend_from_slice(b"/K[");
            for (kid, kid_page) in e.kids.iter().zip(&kid_pages) {
                match (*kid, kid_page) {
                    (Kid::Elem(r), _) => r.write(o),
                    (Kid::Content(_, mcid), None) => int(o, i64::from(mcid)),
                    (Kid::Content(_, mcid), Some(pg)) => {
                        o.extend_from_slice(b"<</Type/MCR/Pg ");
                        pg.write(o);
                        o.extend_from_slice(b"/MCID ");
                        int(o, i64::from(mcid));
                        o.extend_from_slice(b">>");
                    }
                    (Kid::Annot(a), pg) => {
                        if let (Some(pg), Some((link, _))) = (pg, links.get(a)) {
                            o.extend_from_slice(b"<</Type/OBJR/Pg ");
                            pg.write(o);
                            o.extend_from_slice(b"/Obj ");
                            link.annot.write(o);
                            o.extend_from_slice(b">>");
                        }
                    }
                }
                o.push(b' ');
            }
            o.extend_from_slice(b"]>>");
        });
    }

    /// Closes what is still open, then writes the parent tree and the tree root; returns
    /// the root.
    pub fn finish(&mut self, w: &mut PdfWriter, pages: &mut Vec<Ref>) -> Ref {
        while let Some(id) = self.stack.pop() {
            self.close(id, w, pages);
        }
        let mut open: Vec<usize> = self.elems.keys().copied().collect();
        open.sort_unstable();
        for id in open {
            self.close(id, w, pages);
        }
        let document = self.document;
        let parent_tree = w.reserve();
        w.object(parent_tree, |o| {
            o.extend_from_slice(b"<</Nums[");
            for (p, mcids) in self.parent_tree.iter().enumerate() {
                int(o, p as i64);
                o.push(b'[');
                for e in mcids {
                    e.write(o);
                    o.push(b' ');
                }
                o.extend_from_slice(b"] ");
            }
            for (a, (_, e)) in self.links.iter().enumerate() {
                int(o, (LINK_KEYS + a) as i64);
                o.push(b' ');
                e.write(o);
                o.push(b' ');
            }
            o.extend_from_slice(b"]>>");
        });
        let root = self.root;
        let next = if self.links.is_empty() {
            self.parent_tree.len()
        } else {
            LINK_KEYS + self.links.len()
        };
        w.object(root, |o| {
            o.extend_from_slice(b"<</Type/StructTreeRoot/K ");
            document.write(o);
            o.extend_from_slice(b"/ParentTree ");
            parent_tree.write(o);
            o.extend_from_slice(b"/ParentTreeNextKey ");
            int(o, next as i64);
            o.extend_from_slice(b">>");
        });
        root
    }
}

/// The object of page `i`, reserved now if not yet.
pub fn page_ref(w: &mut PdfWriter, pages: &mut Vec<Ref>, i: usize) -> Ref {
    while pages.len() <= i {
        pages.push(w.reserve());
    }
    pages[i]
}

/// Writes a rectangle `[x1 y1 x2 y2]`.
pub fn rect(o: &mut Vec<u8>, r: [f32; 4]) {
    o.push(b'[');
    for (k, v) in r.iter().enumerate() {
        if k > 0 {
            o.push(b' ');
        }
        real(o, *v);
    }
    o.push(b']');
}

impl Output {
    /// Opens the marked-content sequence of the current target before drawing.
    pub fn mark(&mut self, page: u32) {
        let mut ops = Vec::new();
        self.tags.switch(page, &mut ops);
        if !ops.is_empty() {
            self.canvas.marked(&ops);
        }
    }
}

impl Doc {
    fn tags(&mut self) -> Option<&mut Tags> {
        self.out.as_mut().map(|o| &mut o.tags)
    }

    /// Opens a structure element under the current one; drawing goes to it until
    /// [`Doc::end_tag`]. Returns its index (None when only measuring).
    pub fn begin_tag(&mut self, role: &'static str) -> Option<usize> {
        let out = self.out.as_mut()?;
        let parent = out.tags.stack.last().copied().unwrap_or(0);
        let id = out.tags.child(&mut out.writer, parent, role);
        out.tags.stack.push(id);
        out.tags.target = Target::Elem(id);
        Some(id)
    }

    /// Closes the current element (it is written to the file); drawing goes to artifacts
    /// until the next element.
    pub fn end_tag(&mut self) {
        if let Some(out) = self.out.as_mut() {
            if out.tags.stack.len() > 1
                && let Some(id) = out.tags.stack.pop()
            {
                out.tags.close(id, &mut out.writer, &mut out.pages);
            }
            out.tags.target = Target::Artifact;
        }
    }

    /// A new element under the current one without opening it (table cells); written
    /// when the current one closes.
    pub fn child_tag(&mut self, role: &'static str) -> Option<usize> {
        let out = self.out.as_mut()?;
        let parent = out.tags.stack.last().copied().unwrap_or(0);
        let id = out.tags.child(&mut out.writer, parent, role);
        if let Some(p) = out.tags.elems.get_mut(&parent) {
            p.leaves.push(id);
        }
        Some(id)
    }

    /// Sets the alternate text of an element (a figure's description with its numbers).
    pub fn set_alt(&mut self, id: Option<usize>, alt: &str) {
        if let (Some(tags), Some(id)) = (self.tags(), id)
            && let Some(e) = tags.elems.get_mut(&id)
        {
            e.alt = Some(alt.to_string());
        }
    }

    /// Sets the attributes of an element (`/O/Table/Scope/Column`).
    pub fn set_attrs(&mut self, id: Option<usize>, attrs: &str) {
        if let (Some(tags), Some(id)) = (self.tags(), id)
            && let Some(e) = tags.elems.get_mut(&id)
        {
            e.attrs = Some(attrs.to_string());
        }
    }

    /// What drawing goes to now.
    pub fn target(&self) -> Target {
        self.out
            .as_ref()
            .map_or(Target::Artifact, |o| o.tags.target)
    }

    /// Makes drawing go to `target` (a cell, or artifacts).
    pub fn set_target(&mut self, target: Target) {
        if let Some(tags) = self.tags() {
            tags.target = target;
        }
    }

    /// Draws with `f` as artifacts, then goes back to the current target.
    pub fn artifact(&mut self, f: impl FnOnce(&mut Doc)) {
        let saved = self.target();
        self.set_target(Target::Artifact);
        f(self);
        self.set_target(saved);
    }

    /// A link on the current page over a rectangle (top-left corner, points from the top)
    /// to a page or a web address, made a kid of element `elem` (a Link element holding
    /// the link's text); `text` is also the annotation's /Contents.
    pub fn link(
        &mut self,
        elem: Option<usize>,
        rect: (f32, f32, f32, f32),
        to: LinkTarget,
        text: &str,
    ) {
        let page = self.page_index() as u32;
        let (x, top, w, h) = rect;
        let (Some(out), Some(elem)) = (self.out.as_mut(), elem) else {
            return;
        };
        let annot = out.writer.reserve();
        let Some(e) = out.tags.elems.get_mut(&elem) else {
            return;
        };
        let k = out.tags.links.len();
        e.kids.push(Kid::Annot(k));
        let own = e.own;
        out.tags.links.push((
            Link {
                page,
                rect: [x, super::PAGE_H - top - h, x + w, super::PAGE_H - top],
                to,
                text: text.to_string(),
                annot,
            },
            own,
        ));
    }
}

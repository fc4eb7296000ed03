//! The logical structure of the document (Tagged PDF, PDF/UA): structure elements (H1–H3,
//! P, Table/TR/TH/TD, Figure, TOC/TOCI/Link) whose content is marked in the page streams
//! with MCIDs, everything else (running headers, page numbers, rules, fills, repeated table
//! headers) marked as /Artifact. The layout says which element it draws for; the marked
//! content sequences follow from that, opened and closed as drawing switches elements and
//! pages. Only the drawing pass records anything.

use pdf_writer::types::{ListNumbering, TableHeaderScope};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Name, TextStr};

use super::canvas::Canvas;
use super::output::{LINK_KEYS, Output, rect};
use super::{Doc, PAGE_H};
use crate::report::pdf::writer::{PdfWriter, Ref};

/// What drawing goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// Decoration and repetition, not part of the content.
    Artifact,
    /// A structure element (index into the element list).
    Elem(usize),
}

/// The attributes of a structure element (its /A dictionary).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Attr {
    /// A header cell of its column (/O/Table/Scope/Column).
    ColumnHeader,
    /// A header cell of its row (/O/Table/Scope/Row).
    RowHeader,
    /// A list whose items carry no numbers or bullets (/O/List/ListNumbering/None).
    Unnumbered,
    /// A figure's bounding box on its page, `[x1 y1 x2 y2]` (/O/Layout/BBox).
    BBox([f32; 4]),
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
    /// Its attributes (the /A dictionary).
    attr: Option<Attr>,
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
                attr: None,
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
                attr: None,
                leaves: Vec::new(),
            },
        );
        id
    }

    /// Writes the marked-content operators that make drawing go to the current target on
    /// page `page`.
    fn switch(&mut self, page: u32, canvas: &mut Canvas) {
        if self.open == Some(self.target) {
            return;
        }
        if self.open.is_some() {
            canvas.end_marked();
        }
        let elem = match self.target {
            Target::Elem(id) => self.elems.get_mut(&id),
            Target::Artifact => None,
        };
        match elem {
            None => canvas.begin_artifact(),
            Some(e) => {
                let mcid = self.page_mcids.len() as u32;
                self.page_mcids.push(e.own);
                e.kids.push(Kid::Content(page, mcid));
                canvas.begin_tagged(e.role, mcid);
            }
        }
        self.open = Some(self.target);
    }

    /// Closes the page's open sequence.
    pub fn end_page(&mut self, canvas: &mut Canvas) {
        self.parent_tree.push(std::mem::take(&mut self.page_mcids));
        if self.open.take().is_some() {
            canvas.end_marked();
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
        let mut elem = w.pdf.struct_element(e.own);
        // The standard structure types by name (H1, P, Table, Figure, …).
        elem.custom_kind(Name(e.role.as_bytes())).parent(e.parent);
        if let Some(pg) = pg {
            elem.page(pg);
        }
        if let Some(alt) = &e.alt {
            elem.alt(TextStr(alt));
        }
        if let Some(attr) = e.attr {
            let mut list = elem.attributes();
            let attributes = list.push();
            match attr {
                Attr::ColumnHeader => {
                    attributes.table().scope(TableHeaderScope::Column);
                }
                Attr::RowHeader => {
                    attributes.table().scope(TableHeaderScope::Row);
                }
                Attr::Unnumbered => {
                    attributes.list().list_numbering(ListNumbering::None);
                }
                Attr::BBox(r) => {
                    attributes.layout().bbox(rect(r));
                }
            }
        }
        let mut kids = elem.children();
        for (kid, kid_page) in e.kids.iter().zip(&kid_pages) {
            match (*kid, kid_page) {
                (Kid::Elem(r), _) => {
                    kids.struct_element(r);
                }
                (Kid::Content(_, mcid), None) => {
                    kids.marked_content_id(mcid as i32);
                }
                (Kid::Content(_, mcid), Some(pg)) => {
                    kids.marked_content_ref()
                        .page(*pg)
                        .marked_content_id(mcid as i32);
                }
                (Kid::Annot(a), pg) => {
                    if let (Some(pg), Some((link, _))) = (pg, self.links.get(a)) {
                        kids.object_ref().page(*pg).object(link.annot);
                    }
                }
            }
        }
    }

    /// Closes what is still open, then writes the parent tree and the tree root; returns
    /// the root.
    pub fn write_tree(&mut self, w: &mut PdfWriter, pages: &mut Vec<Ref>) -> Ref {
        while let Some(id) = self.stack.pop() {
            self.close(id, w, pages);
        }
        let mut open: Vec<usize> = self.elems.keys().copied().collect();
        open.sort_unstable();
        for id in open {
            self.close(id, w, pages);
        }
        let parent_tree = w.reserve();
        {
            let mut dict = w.pdf.indirect(parent_tree).dict();
            let mut nums = dict.insert(Name(b"Nums")).array();
            for (p, mcids) in self.parent_tree.iter().enumerate() {
                nums.item(p as i32);
                nums.push().array().items(mcids.iter().copied());
            }
            for (a, (_, e)) in self.links.iter().enumerate() {
                nums.item((LINK_KEYS + a) as i32);
                nums.item(*e);
            }
        }
        let next = if self.links.is_empty() {
            self.parent_tree.len()
        } else {
            LINK_KEYS + self.links.len()
        };
        w.pdf
            .indirect(self.root)
            .start::<StructTreeRoot>()
            .child(self.document)
            .parent_tree_next_key(next as i32)
            .pair(Name(b"ParentTree"), parent_tree);
        self.root
    }
}

/// The object of page `i`, reserved now if not yet.
pub fn page_ref(w: &mut PdfWriter, pages: &mut Vec<Ref>, i: usize) -> Ref {
    while pages.len() <= i {
        pages.push(w.reserve());
    }
    pages[i]
}

impl Output {
    /// Opens the marked-content sequence of the current target before drawing.
    pub fn mark(&mut self, page: u32) {
        self.tags.switch(page, &mut self.canvas);
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

    /// Opens a Figure element with its alternate text and its bounding box: left edge `x`,
    /// `top` in points from the top of the page, width and height (to a tenth of a point,
    /// as the drawing is placed).
    pub fn begin_figure(&mut self, alt: &str, x: f32, top: f32, width: f32, height: f32) {
        let figure = self.begin_tag("Figure");
        self.set_alt(figure, alt);
        let tenth = |v: f32| (v * 10.0).round() / 10.0;
        let bbox = [x, PAGE_H - top - height, x + width, PAGE_H - top];
        self.set_attr(figure, Attr::BBox(bbox.map(tenth)));
    }

    /// Sets the attributes of an element.
    pub fn set_attr(&mut self, id: Option<usize>, attr: Attr) {
        if let (Some(tags), Some(id)) = (self.tags(), id)
            && let Some(e) = tags.elems.get_mut(&id)
        {
            e.attr = Some(attr);
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

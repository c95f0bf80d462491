// Editing one versioned resource (a flag configuration or a segment): the draft survives a sign-in, saves send
// If-Match and the comment, a 412 shows what changed meanwhile and reapplies the user's edits on top, and a 400
// puts each problem at the field its path names.
import { useState } from 'preact/hooks';
import { ApiError, get, put } from './api.js';
import { drafts } from './session.js';
import { diff, patch } from './json-diff.js';

/** A resource's content without the read-only members and the ETag. */
export function contentOf(resource) {
  if (!resource) {
    return null;
  }
  const { etag, version, updatedAt, updatedBy, ...content } = resource;
  return content;
}

export async function getVersioned(url) {
  try {
    const { data, etag } = await get(url);
    return { ...data, etag };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      return null;
    }
    throw e;
  }
}

export function useVersionedEditor({ url, draftKey, base, initial, commentRequired, validate = () => [] }) {
  const stored = drafts.load(draftKey);
  const [state, setState] = useState(() => (stored
    ? { ...stored, restored: true }
    : { draft: contentOf(base) || initial, baseEtag: base && base.etag, baseContent: contentOf(base), restored: false }));
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState([]);
  const [problem, setProblem] = useState(null);
  const [notice, setNotice] = useState(stored ? 'Your unsaved draft was restored.' : null);
  const [conflict, setConflict] = useState(null);
  const [busy, setBusy] = useState(false);
  const [revision, setRevision] = useState(0);

  const dirty = diff(state.baseContent || initial, state.draft).length > 0;
  const remember = (next) => {
    setState(next);
    if (diff(next.baseContent || initial, next.draft).length > 0) {
      drafts.save(draftKey, { draft: next.draft, baseEtag: next.baseEtag, baseContent: next.baseContent });
    } else {
      drafts.clear(draftKey);
    }
  };
  const setDraft = (draft) => remember({ ...state, draft });

  /** After any server-side change made here (save, kill, rollback): the new version becomes the base. */
  const accept = (resource, keepEdits = false) => {
    const next = { draft: keepEdits ? state.draft : contentOf(resource), baseEtag: resource.etag, baseContent: contentOf(resource) };
    remember(next);
    setRevision((r) => r + 1);
  };

  const checkComment = () => (commentRequired && !comment.trim()
    ? [{ path: 'comment', message: 'a comment is required in a protected environment' }] : []);

  const save = async (send = (draft) => put(url, draft, { etag: state.baseEtag, comment: comment.trim() })) => {
    const local = [...checkComment(), ...validate(state.draft)];
    setErrors(local);
    setProblem(null);
    setNotice(null);
    if (local.length) {
      return null;
    }
    setBusy(true);
    try {
      const response = await send(state.draft);
      if (response.data && response.data.version && response.etag) {
        accept({ ...response.data, etag: response.etag });
        setNotice(`Saved as version ${response.data.version}.`);
        setComment('');
      }
      setConflict(null);
      return response;
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        const current = await getVersioned(url);
        const currentContent = contentOf(current);
        setConflict({
          current,
          theirs: diff(state.baseContent || {}, currentContent || {}),
          mine: diff(state.baseContent || initial, state.draft),
        });
      } else {
        setErrors(e instanceof ApiError ? e.errors : []);
        setProblem(e);
      }
      return null;
    } finally {
      setBusy(false);
    }
  };

  const reapply = () => {
    const { current, mine } = conflict;
    const next = { draft: patch(contentOf(current) || initial, mine), baseEtag: current && current.etag, baseContent: contentOf(current) };
    remember(next);
    setConflict(null);
    setRevision((r) => r + 1);
    setNotice(`Your edits are reapplied on top of version ${current ? current.version : 'none'}. Review them, then save.`);
  };

  const discard = () => {
    const current = conflict ? conflict.current : null;
    const next = conflict
      ? { draft: contentOf(current) || initial, baseEtag: current && current.etag, baseContent: contentOf(current) }
      : { ...state, draft: state.baseContent || initial };
    remember(next);
    setConflict(null);
    setErrors([]);
    setRevision((r) => r + 1);
    setNotice('Your edits were discarded.');
  };

  return {
    draft: state.draft, setDraft, baseEtag: state.baseEtag, baseContent: state.baseContent, dirty,
    comment, setComment, errors, setErrors, problem, setProblem, notice, setNotice, conflict, busy, revision,
    save, reapply, discard, accept, checkComment,
  };
}

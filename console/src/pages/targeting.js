// The targeting editor of one flag in one environment: on/off, off variation, individual targets, ordered rules
// with clause editors, segment references, rollout weights, fallthrough and prerequisites. Each control carries
// the validator's path for it (e.g. rules[0].clauses[1].values), so the API's problems show at the field.
import { useState } from 'preact/hooks';
import { Checkbox, Field, FieldErrors, html, Select, useId } from '../ui.js';

export const OPERATORS = ['in', 'startsWith', 'endsWith', 'contains', 'matches', 'lessThan', 'lessThanOrEqual',
  'greaterThan', 'greaterThanOrEqual', 'before', 'after', 'semVerEqual', 'semVerLessThan', 'semVerGreaterThan',
  'inCidr', 'segmentMatch'];
const NUMERIC = new Set(['lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual']);
export const TOTAL_WEIGHT = 100000;

function variationOptions(variations) {
  return variations.map((v, i) => [i, `${i}: ${v.name ? v.name + ' = ' : ''}${JSON.stringify(v.value)}`]);
}

const replaceAt = (list, i, item) => list.map((x, j) => (j === i ? item : x));
const removeAt = (list, i) => list.filter((_, j) => j !== i);
const move = (list, i, by) => {
  const copy = [...list];
  const [item] = copy.splice(i, 1);
  copy.splice(i + by, 0, item);
  return copy;
};

/** A list typed one item per line. The text is kept while typing; the parsed list goes up. */
function LinesField({ label, path, values, onChange, parse = (s) => s, errors }) {
  const [text, setText] = useState((values || []).map(String).join('\n'));
  return html`<${Field} type="textarea" label=${label} path=${path} value=${text} errors=${errors} rows="3"
    onInput=${(t) => { setText(t); onChange(t.split('\n').map((s) => s.trim()).filter(Boolean).map(parse)); }}/>`;
}

/** Client-side checks the API makes too: rollout weights sum to 100%. */
export function weightErrors(config) {
  const problems = [];
  const check = (serve, at) => {
    if (serve && serve.rollout) {
      const sum = (serve.rollout.variations || []).reduce((s, v) => s + (Number(v.weight) || 0), 0);
      if (sum !== TOTAL_WEIGHT) {
        problems.push({ path: at + '.rollout.variations', message: `weights add up to ${sum / 1000}%; they must add up to 100%` });
      }
    }
  };
  check(config.fallthrough, 'fallthrough');
  (config.rules || []).forEach((rule, i) => check(rule.serve, `rules[${i}].serve`));
  return problems;
}

function ServeEditor({ label, serve, onChange, path, variations, errors }) {
  const mode = serve && serve.rollout ? 'rollout' : 'variation';
  const setMode = (m) => onChange(m === 'rollout'
    ? { rollout: { variations: variations.map((_, i) => ({ variation: i, weight: i === 0 ? TOTAL_WEIGHT : 0 })) } }
    : { variation: 0 });
  const rollout = serve && serve.rollout;
  const weightOf = (i) => {
    const w = rollout.variations.find((v) => v.variation === i);
    return w ? w.weight / 1000 : 0;
  };
  const setWeight = (i, percent) => {
    const others = rollout.variations.filter((v) => v.variation !== i);
    const weight = Math.round(Number(percent) * 1000);
    onChange({ rollout: { ...rollout, variations: [...others, { variation: i, weight }].sort((a, b) => a.variation - b.variation) } });
  };
  return html`<fieldset class="serve"><legend>${label}</legend>
    <${Select} label="Serve" path=${path} value=${mode} options=${[['variation', 'a variation'], ['rollout', 'a percentage rollout']]}
      onChange=${setMode}/>
    ${mode === 'variation' && html`<${Select} label="Variation" path=${path + '.variation'} value=${serve ? serve.variation : 0}
      options=${variationOptions(variations)} errors=${errors} onChange=${(v) => onChange({ variation: Number(v) })}/>`}
    ${mode === 'rollout' && html`<div class="weights">
      ${variations.map((v, i) => html`<${Field} type="number" label=${`% for ${variationOptions(variations)[i][1]}`}
        path=${`${path}.rollout.variations[${i}].weight`} value=${weightOf(i)} min="0" max="100" step="0.001"
        errors=${errors} onInput=${(p) => setWeight(i, p)}/>`)}
      <${Field} label="Bucket by attribute" path=${path + '.rollout.bucketBy'} value=${rollout.bucketBy || ''} errors=${errors}
        onInput=${(b) => onChange({ rollout: { ...rollout, bucketBy: b || undefined } })} hint="Default: the context key."/>
      <${Field} label="Context kind" path=${path + '.rollout.contextKind'} value=${rollout.contextKind || ''} errors=${errors}
        onInput=${(k) => onChange({ rollout: { ...rollout, contextKind: k || undefined } })} hint="Default: user."/>
      <${FieldErrors} errors=${errors} path=${path + '.rollout.variations'} exact/>
    </div>`}
    <${FieldErrors} errors=${errors} path=${path} exact/>
  </fieldset>`;
}

function ClauseEditor({ clause, onChange, onRemove, path, segments, errors }) {
  const set = (name, value) => onChange({ ...clause, [name]: value });
  const parse = NUMERIC.has(clause.operator) ? (s) => (s !== '' && !Number.isNaN(Number(s)) ? Number(s) : s) : (s) => s;
  const groupId = useId('segments');
  return html`<fieldset class="clause"><legend>Clause</legend>
    <${Field} label="Attribute" path=${path + '.attribute'} value=${clause.attribute} errors=${errors}
      onInput=${(v) => set('attribute', v)} disabled=${clause.operator === 'segmentMatch'}/>
    <${Select} label="Operator" path=${path + '.operator'} value=${clause.operator} errors=${errors}
      options=${OPERATORS.map((o) => [o, o])} onChange=${(o) => onChange({ ...clause, operator: o, attribute: o === 'segmentMatch' ? 'segmentMatch' : clause.attribute === 'segmentMatch' ? '' : clause.attribute })}/>
    ${clause.operator === 'segmentMatch'
      ? html`<fieldset class="segment-picks" aria-labelledby=${groupId}><legend id=${groupId}>Segments</legend>
          ${segments.map((s) => html`<${Checkbox} label=${`${s.name || s.key} (${s.key})`} path=${path + '.values'}
            checked=${clause.values.includes(s.key)}
            onChange=${(on) => set('values', on ? [...clause.values, s.key] : clause.values.filter((k) => k !== s.key))}/>`)}
          ${segments.length === 0 && html`<p class="muted">This environment has no segments yet.</p>`}
          <${FieldErrors} errors=${errors} path=${path + '.values'}/></fieldset>`
      : html`<${LinesField} key=${clause.operator} label="Values (one per line)" path=${path + '.values'} values=${clause.values}
          parse=${parse} errors=${errors} onChange=${(v) => set('values', v)}/>`}
    <${Checkbox} label="Negate (match when the clause does not hold)" path=${path + '.negate'} checked=${Boolean(clause.negate)}
      onChange=${(n) => set('negate', n || undefined)}/>
    <${Field} label="Context kind" path=${path + '.contextKind'} value=${clause.contextKind || ''} errors=${errors}
      onInput=${(k) => set('contextKind', k || undefined)} hint="Default: user."/>
    <button type="button" onClick=${onRemove}>Remove clause</button>
  </fieldset>`;
}

let ruleCounter = 0;

function RuleEditor({ rule, index, count, onChange, onRemove, onMove, variations, segments, errors }) {
  const path = `rules[${index}]`;
  const set = (name, value) => onChange({ ...rule, [name]: value });
  return html`<fieldset class="rule" data-rule=${index}><legend>Rule ${index + 1}${rule.description ? ': ' + rule.description : ''}</legend>
    <${Field} label="Description" path=${path + '.description'} value=${rule.description || ''} errors=${errors}
      onInput=${(d) => set('description', d || undefined)}/>
    ${rule.clauses.map((clause, j) => html`<${ClauseEditor} clause=${clause} path=${`${path}.clauses[${j}]`} segments=${segments}
      errors=${errors} onChange=${(c) => set('clauses', replaceAt(rule.clauses, j, c))}
      onRemove=${() => set('clauses', removeAt(rule.clauses, j))}/>`)}
    <${FieldErrors} errors=${errors} path=${path + '.clauses'} exact/>
    <button type="button" onClick=${() => set('clauses', [...rule.clauses, { attribute: '', operator: 'in', values: [] }])}>Add clause</button>
    <${ServeEditor} label="Serve when the rule matches" serve=${rule.serve} path=${path + '.serve'} variations=${variations}
      errors=${errors} onChange=${(s) => set('serve', s)}/>
    <div class="rule-actions">
      <button type="button" disabled=${index === 0} onClick=${() => onMove(-1)}>Move up</button>
      <button type="button" disabled=${index === count - 1} onClick=${() => onMove(1)}>Move down</button>
      <button type="button" onClick=${onRemove}>Remove rule</button>
    </div>
  </fieldset>`;
}

export function TargetingEditor({ config, onChange, variations, segments, flags, flagKey, errors }) {
  const set = (name, value) => onChange({ ...config, [name]: value });
  const targets = config.targets || [];
  const rules = config.rules || [];
  const prerequisites = config.prerequisites || [];
  const options = variationOptions(variations);
  return html`<div class="targeting">
    <${Checkbox} label="Targeting on (off serves the off variation)" path="on" checked=${config.on} onChange=${(on) => set('on', on)}/>
    <${Select} label="Off variation" path="offVariation" value=${config.offVariation ?? ''} errors=${errors}
      options=${[['', '(none: serve the default)'], ...options]} onChange=${(v) => set('offVariation', v === '' ? undefined : Number(v))}/>

    <h3>Prerequisites</h3>
    ${prerequisites.map((p, i) => html`<div class="row">
      <${Select} label="Flag" path=${`prerequisites[${i}].flag`} value=${p.flag} errors=${errors}
        options=${flags.filter((f) => f.key !== flagKey).map((f) => [f.key, f.key])}
        onChange=${(f) => set('prerequisites', replaceAt(prerequisites, i, { ...p, flag: f }))}/>
      <${Field} type="number" label="Variation index" path=${`prerequisites[${i}].variation`} value=${p.variation} min="0" errors=${errors}
        onInput=${(v) => set('prerequisites', replaceAt(prerequisites, i, { ...p, variation: Number(v) }))}/>
      <button type="button" onClick=${() => set('prerequisites', removeAt(prerequisites, i))}>Remove prerequisite</button>
    </div>`)}
    <button type="button" disabled=${flags.length < 2}
      onClick=${() => set('prerequisites', [...prerequisites, { flag: flags.find((f) => f.key !== flagKey).key, variation: 0 }])}>Add prerequisite</button>

    <h3>Individual targets</h3>
    ${targets.map((t, i) => html`<div class="row target">
      <${Select} label="Variation" path=${`targets[${i}].variation`} value=${t.variation} options=${options} errors=${errors}
        onChange=${(v) => set('targets', replaceAt(targets, i, { ...t, variation: Number(v) }))}/>
      <${LinesField} label="Context keys (one per line)" path=${`targets[${i}].keys`} values=${t.keys} errors=${errors}
        onChange=${(keys) => set('targets', replaceAt(targets, i, { ...t, keys }))}/>
      <${Field} label="Context kind" path=${`targets[${i}].contextKind`} value=${t.contextKind || ''} errors=${errors}
        onInput=${(k) => set('targets', replaceAt(targets, i, { ...t, contextKind: k || undefined }))}/>
      <button type="button" onClick=${() => set('targets', removeAt(targets, i))}>Remove target</button>
    </div>`)}
    <button type="button" onClick=${() => set('targets', [...targets, { variation: 0, keys: [] }])}>Add individual target</button>

    <h3>Rules (first match wins)</h3>
    ${rules.map((rule, i) => html`<${RuleEditor} key=${rule.id || i} rule=${rule} index=${i} count=${rules.length}
      variations=${variations} segments=${segments} errors=${errors}
      onChange=${(r) => set('rules', replaceAt(rules, i, r))} onRemove=${() => set('rules', removeAt(rules, i))}
      onMove=${(by) => set('rules', move(rules, i, by))}/>`)}
    <button type="button" onClick=${() => set('rules', [...rules, {
      id: `rule-${Date.now().toString(36)}-${++ruleCounter}`, clauses: [{ attribute: '', operator: 'in', values: [] }], serve: { variation: 0 },
    }])}>Add rule</button>

    <h3>Fallthrough</h3>
    <${ServeEditor} label="Serve when no target or rule matches" serve=${config.fallthrough} path="fallthrough"
      variations=${variations} errors=${errors} onChange=${(s) => set('fallthrough', s)}/>
  </div>`;
}

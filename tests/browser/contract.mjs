// The public API contract read from proto/*.openapi.yaml: checks that an answer is a documented status of its
// operation and that its JSON body (or a stream frame) validates against the documented schema (JSON Schema 2020-12).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

const templatePattern = (template) => new RegExp(`^${template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`);

/** A copy of `schema` whose local `#/...` references point into the document registered as `name`. */
function rebase(schema, name) {
  if (Array.isArray(schema)) return schema.map((s) => rebase(s, name));
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? name + v : rebase(v, name)]),
  );
}

export class Contract {
  /** Loads proto/<name>.openapi.yaml for each name. */
  constructor(names) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.documents = names.map((name) => {
      const doc = parse(readFileSync(fileURLToPath(new URL(`../../proto/${name}.openapi.yaml`, import.meta.url)), 'utf8'));
      this.ajv.addSchema(doc, name);
      const routes = Object.keys(doc.paths).map((template) => ({ template, pattern: templatePattern(template) }));
      return { name, doc, routes };
    });
    this.validators = new Map();
  }

  /** The document and operation that serve `method path`; throws when no document has it. */
  operation(method, path) {
    const lower = method.toLowerCase();
    for (const { name, doc, routes } of this.documents) {
      const route = routes.find((r) => r.pattern.test(path));
      const op = route && METHODS.has(lower) ? doc.paths[route.template][lower] : undefined;
      if (op) return { name, doc, op, where: `${method} ${route.template}` };
    }
    throw new Error(`${method} ${path} is in no document of proto/`);
  }

  /** Throws unless `value` validates against `schema` (a schema object of document `name`). */
  validate(name, schema, value, where) {
    const key = `${name}:${JSON.stringify(schema)}`;
    if (!this.validators.has(key)) this.validators.set(key, this.ajv.compile(rebase(schema, name)));
    const check = this.validators.get(key);
    if (!check(value)) {
      const problems = check.errors.map((e) => `${e.instancePath || '(root)'} ${e.message}`).join('; ');
      throw new Error(`${where}: ${JSON.stringify(value)} does not match proto/${name}.openapi.yaml: ${problems}`);
    }
  }

  /** Throws unless `status` is documented for `method path` with `mediaType` and `body` matches its schema. */
  checkResponse(method, path, status, mediaType, body) {
    const { name, doc, op, where } = this.operation(method, path);
    let response = op.responses[String(status)];
    if (!response) throw new Error(`${where} answered ${status}, which proto/${name}.openapi.yaml does not document`);
    while (response.$ref) response = response.$ref.slice(2).split('/').reduce((node, part) => node[part], doc);
    const content = response.content?.[mediaType];
    if (!content) throw new Error(`${where} ${status}: proto/${name}.openapi.yaml documents no ${mediaType} body`);
    if (mediaType === 'application/json') this.validate(name, content.schema, body, `${where} ${status}`);
  }

  /** Throws unless `event` is a StreamEvent of the council document. */
  checkStreamEvent(event) {
    this.validate('council', { $ref: '#/components/schemas/StreamEvent' }, event, 'stream frame');
  }
}

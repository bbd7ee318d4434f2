/**
 * Kept because Glance 16.0.0 does it (docs/divergence-candidates.md #26b):
 * a listing filter whose name is an attribute of the SQLAlchemy model
 * class but not a column is compared as `getattr(Model, name) == value`.
 * A relationship (an image's properties, tags, members or locations; a
 * task's info) cannot be compared with text (InvalidRequestError, 500);
 * any other class attribute (a method, `__doc__`, `metadata`, ...)
 * compares in Python, so the filter is a constant: no rows, or every row
 * when the text equals the attribute's own string value.
 * @see glance/db/sqlalchemy/api.py _make_conditions_from_filters, task_get_all
 * @see glance/db/sqlalchemy/models.py Image, Task
 */
import { DomainError } from '../errors.js';

export type Model = 'images' | 'tasks';

const RELATIONSHIPS: Readonly<Record<Model, readonly string[]>> = {
  images: ['properties', 'tags', 'members', 'locations'],
  tasks: ['info'],
};

const CLASS_ATTRIBUTES = new Set([
  '__abstract__', '__class__', '__contains__', '__delattr__', '__dict__', '__dir__', '__doc__', '__eq__',
  '__format__', '__ge__', '__getattribute__', '__getitem__', '__getstate__', '__gt__', '__hash__', '__init__',
  '__init_subclass__', '__iter__', '__le__', '__lt__', '__mapper__', '__module__', '__ne__', '__new__',
  '__protected_attributes__', '__reduce__', '__reduce_ex__', '__repr__', '__setattr__', '__setitem__',
  '__sizeof__', '__str__', '__subclasshook__', '__table__', '__table_args__', '__table_initialized__',
  '__tablename__', '__weakref__', '_as_dict', '_extra_keys', '_sa_class_manager', '_sa_registry', 'delete',
  'get', 'items', 'iteritems', 'keys', 'metadata', 'registry', 'save', 'to_dict', 'update', 'values',
]);

/** The class attributes that are strings, which a filter's text can equal. */
const STRING_VALUES: Readonly<Record<Model, Readonly<Record<string, string>>>> = {
  images: { __doc__: 'Represents an image in the datastore.', __module__: 'glance.db.sqlalchemy.models', __tablename__: 'images' },
  tasks: { __doc__: 'Represents an task in the datastore', __module__: 'glance.db.sqlalchemy.models', __tablename__: 'tasks' },
};

/** What a non-column model attribute is, or null when the model has no such attribute. */
export function modelAttribute(model: Model, name: string): 'relationship' | 'class attribute' | null {
  if (RELATIONSHIPS[model].includes(name)) return 'relationship';
  return CLASS_ATTRIBUTES.has(name) ? 'class attribute' : null;
}

/**
 * `getattr(Model, name) == value` for a non-column attribute: whether it
 * holds (for every row alike), or the InvalidRequestError of a relationship.
 */
export function attributeComparison(model: Model, name: string, value: unknown): boolean {
  if (modelAttribute(model, name) === 'relationship') {
    throw new DomainError('InvalidRequestError', "Can't compare a collection to an object or collection; use contains() to test for membership.");
  }
  const own = Object.prototype.hasOwnProperty.call(STRING_VALUES[model], name) ? STRING_VALUES[model][name] : undefined;
  return own !== undefined && own === value;
}

/**
 * A `<name>_min` / `<name>_max` range on something that is not a column: a
 * missing attribute is an AttributeError, any other attribute cannot be
 * ordered against an int (TypeError); both 500.
 */
export function rangeOnNonColumn(name: string, op: '>=' | '<='): never {
  if (modelAttribute('images', name) === null) throw new DomainError('AttributeError', `type object 'Image' has no attribute '${name}'`);
  throw new DomainError('TypeError', `'${op}' not supported between instances of 'function' and 'int'`);
}

/**
 * The policy rules a stock Glance 16.0.0 deployment enforces (its
 * etc/policy.json), as data. The flat model keeps its own copy: it shares no
 * code with src/legacy. Image-domain rules only; metadef rules are not used.
 */
export const POLICY_DEFAULTS: Readonly<Record<string, string>> = Object.freeze({
  context_is_admin: 'role:admin',
  default: 'role:admin',
  add_image: '',
  delete_image: '',
  get_image: '',
  get_images: '',
  modify_image: '',
  publicize_image: 'role:admin',
  communitize_image: '',
  copy_from: '',
  download_image: '',
  upload_image: '',
  delete_image_location: '',
  get_image_location: '',
  set_image_location: '',
  add_member: '',
  delete_member: '',
  get_member: '',
  get_members: '',
  modify_member: '',
  manage_image_cache: 'role:admin',
  get_task: '',
  get_tasks: '',
  add_task: '',
  modify_task: '',
  tasks_api_access: 'role:admin',
  deactivate: '',
  reactivate: '',
});

"""The options of `driver.py serve`, the same as `peel serve`'s."""


def add_to(parser):
    parser.add_argument('--host', default='127.0.0.1',
                        help='address to listen on (default 127.0.0.1)')
    parser.add_argument('--port', type=int, default=9292,
                        help='port (default 9292; 0 picks a free one)')
    parser.add_argument('--data-dir',
                        help='the sqlite database file and the filesystem '
                        'store live here and survive a restart (default: a '
                        'fresh temporary directory, removed on exit)')
    parser.add_argument('--config', metavar='FILE',
                        help="the deployment: JSON, a scenario's `config` "
                        'object')
    parser.add_argument('--tokens', metavar='FILE',
                        help='JSON mapping an X-Auth-Token value to '
                        '{"user", "project", "roles"}; other tokens answer '
                        '401. Without it, identity headers are trusted as '
                        'sent')
    parser.add_argument('--notifications', metavar='FILE',
                        help='where notifications are logged, one JSON line '
                        'each (default: DATA_DIR/notifications.jsonl)')

// The map's search box: plot codes, zones, districts (and occupants for roles that may see them),
// with suggestions as one types; picking one flies the map there.
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { SearchItem } from '../../api/types.ts';

const DEBOUNCE_MS = 200;

interface SearchBoxProps {
  onPick: (item: SearchItem) => void;
}

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function SearchBox({ onPick }: SearchBoxProps) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const listId = useId();
  const q = useDebounced(text.trim(), DEBOUNCE_MS);
  const results = useQuery({
    queryKey: ['search', q],
    queryFn: ({ signal }) => api.search(q, signal),
    enabled: q.length > 0,
    staleTime: 60_000,
  });
  const items = q.length > 0 ? (results.data?.items ?? []) : [];
  const english = i18n.language === 'en';

  const pick = (item: SearchItem) => {
    setOpen(false);
    setText(english ? item.labelEn : item.label);
    onPick(item);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
      if (items.length > 0) {
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current) => (current + step + items.length) % items.length);
      }
    } else if (event.key === 'Enter') {
      const item = items[active];
      if (item) {
        event.preventDefault();
        pick(item);
      }
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  const showList = open && q.length > 0 && (items.length > 0 || results.isSuccess);
  return (
    <div className="panel search-box">
      <input
        type="search"
        className="search-box__input"
        value={text}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && items[active] ? `${listId}-${active}` : undefined}
        maxLength={100}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {showList && (
        <div id={listId} className="search-box__list" role="listbox" aria-label={t('search.label')}>
          {items.length === 0 && <div className="search-box__empty">{t('search.noResults')}</div>}
          {items.map((item, index) => (
            <div
              key={`${item.kind}-${item.id}`}
              id={`${listId}-${index}`}
              role="option"
              // Focus stays in the input (aria-activedescendant); options are reached by arrow keys.
              tabIndex={-1}
              aria-selected={index === active}
              className="search-box__option"
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(event) => {
                event.preventDefault();
                pick(item);
              }}
              onMouseEnter={() => setActive(index)}
            >
              <span className={`search-box__kind search-box__kind--${item.kind}`}>
                {t(`search.kind.${item.kind}`)}
              </span>
              <span className="search-box__label">{english ? item.labelEn : item.label}</span>
              {item.detail && <span className="search-box__detail mono muted">{item.detail}</span>}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

-- Issue 15: periods of different lengths must not sit side by side. Every period is classified by these two
-- macros, so the views (fact_consensus, fact_series, fact_growth, exports) and the report compare like with like.

-- Whole calendar months from the first day of a month to the last day of a month; NULL for any other period.
create macro period_months(period_start, period_end) as
    case when period_start is not null and period_end is not null and period_end >= period_start
              and day(period_start) = 1 and period_end = last_day(period_end)
         then (year(period_end) - year(period_start)) * 12 + month(period_end) - month(period_start) + 1
    end;

-- year, half, quarter, month, year_to_date (January to the end of a month before December, when not a half or a
-- quarter) or span (anything else: twelve months from another month, several years, days); NULL without a period.
create macro period_kind(period_start, period_end) as
    case when period_start is null or period_end is null then null
         when period_months(period_start, period_end) is null then 'span'
         when period_months(period_start, period_end) = 12 and month(period_start) = 1 then 'year'
         when period_months(period_start, period_end) = 6 and month(period_start) in (1, 7) then 'half'
         when period_months(period_start, period_end) = 3 and month(period_start) in (1, 4, 7, 10) then 'quarter'
         when period_months(period_start, period_end) = 1 then 'month'
         when month(period_start) = 1 and period_months(period_start, period_end) < 12 then 'year_to_date'
         else 'span'
    end;

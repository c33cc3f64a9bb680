select count(*) from articles where lang is null or lang not in ('en', 'es')
